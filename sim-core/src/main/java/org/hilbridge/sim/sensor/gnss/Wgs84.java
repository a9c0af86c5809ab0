package org.hilbridge.sim.sensor.gnss;

import org.hilbridge.sim.math.StrictTrig;

/**
 * Local ENU (east, north, up) metres around a geodetic origin to WGS-84 latitude, longitude and ellipsoidal
 * height. WGS-84 constants from NIMA TR8350.2 (a = 6378137 m, 1/f = 298.257223563); geodetic to ECEF and
 * the ENU rotation as in e.g. Misra and Enge, "Global Positioning System", §4.2; ECEF to geodetic by
 * Bowring's iteration (fixed count, so the result is the same bit for bit everywhere). sin and cos go through
 * StrictTrig, not StrictMath: the same bits, but JDK 21+'s StrictMath allocates 32 bytes a call (see StrictTrig), and a
 * GNSS reading (six of each here) must allocate nothing.
 */
public final class Wgs84 {
    public static final double SEMI_MAJOR_AXIS_M = 6378137.0;
    public static final double FLATTENING = 1 / 298.257223563;
    public static final double ECCENTRICITY_SQ = FLATTENING * (2 - FLATTENING);

    private final double originLatRad;
    private final double originLonRad;
    private final double sinLat;
    private final double cosLat;
    private final double sinLon;
    private final double cosLon;
    private final double originX;
    private final double originY;
    private final double originZ;

    public Wgs84(double originLatDeg, double originLonDeg, double originAltM) {
        if (!(originLatDeg >= -90 && originLatDeg <= 90)) {
            throw new IllegalArgumentException("gnss.origin_lat_deg = " + originLatDeg + " is not allowed: it must be in [-90, 90]");
        }
        if (!(originLonDeg >= -180 && originLonDeg <= 180)) {
            throw new IllegalArgumentException("gnss.origin_lon_deg = " + originLonDeg + " is not allowed: it must be in [-180, 180]");
        }
        if (!Double.isFinite(originAltM) || Math.abs(originAltM) > 10_000) {
            throw new IllegalArgumentException("gnss.origin_alt_m = " + originAltM + " is not allowed: it must be in [-10000, 10000]");
        }
        originLatRad = StrictMath.toRadians(originLatDeg);
        originLonRad = StrictMath.toRadians(originLonDeg);
        sinLat = StrictTrig.sin(originLatRad);
        cosLat = StrictTrig.cos(originLatRad);
        sinLon = StrictTrig.sin(originLonRad);
        cosLon = StrictTrig.cos(originLonRad);
        double n = primeVerticalRadius(sinLat);
        originX = (n + originAltM) * cosLat * cosLon;
        originY = (n + originAltM) * cosLat * sinLon;
        originZ = (n * (1 - ECCENTRICITY_SQ) + originAltM) * sinLat;
    }

    /** N(phi) = a / sqrt(1 - e^2 sin^2 phi). */
    static double primeVerticalRadius(double sinLat) {
        return SEMI_MAJOR_AXIS_M / StrictMath.sqrt(1 - ECCENTRICITY_SQ * sinLat * sinLat);
    }

    /** Writes latitude (deg), longitude (deg) and height (m) of the ENU point into out[0..2]. */
    public void toGeodetic(double eastM, double northM, double upM, double[] out) {
        double x = originX - sinLon * eastM - sinLat * cosLon * northM + cosLat * cosLon * upM;
        double y = originY + cosLon * eastM - sinLat * sinLon * northM + cosLat * sinLon * upM;
        double z = originZ + cosLat * northM + sinLat * upM;
        double p = StrictMath.sqrt(x * x + y * y);
        double lon = StrictMath.atan2(y, x);
        // Bowring: start from the parametric latitude, a few iterations reach below 1e-12 rad.
        double lat = StrictMath.atan2(z, p * (1 - ECCENTRICITY_SQ));
        double h = 0;
        for (int i = 0; i < 6; i++) {
            double s = StrictTrig.sin(lat);
            double n = primeVerticalRadius(s);
            h = p / StrictTrig.cos(lat) - n;
            lat = StrictMath.atan2(z, p * (1 - ECCENTRICITY_SQ * n / (n + h)));
        }
        out[0] = StrictMath.toDegrees(lat);
        out[1] = StrictMath.toDegrees(lon);
        out[2] = h;
    }

    /**
     * The inverse of {@link #toGeodetic}: latitude (deg), longitude (deg) and ellipsoidal height (m) to the
     * local ENU point, written into out[0..2] (east, north, up). Geodetic to ECEF, then the transpose of the
     * ENU rotation (Misra and Enge, "Global Positioning System", §4.2).
     */
    public void toEnu(double latDeg, double lonDeg, double heightM, double[] out) {
        double lat = StrictMath.toRadians(latDeg);
        double lon = StrictMath.toRadians(lonDeg);
        double sLat = StrictTrig.sin(lat);
        double cLat = StrictTrig.cos(lat);
        double n = primeVerticalRadius(sLat);
        double dx = (n + heightM) * cLat * StrictTrig.cos(lon) - originX;
        double dy = (n + heightM) * cLat * StrictTrig.sin(lon) - originY;
        double dz = (n * (1 - ECCENTRICITY_SQ) + heightM) * sLat - originZ;
        out[0] = -sinLon * dx + cosLon * dy;
        out[1] = -sinLat * cosLon * dx - sinLat * sinLon * dy + cosLat * dz;
        out[2] = cosLat * cosLon * dx + cosLat * sinLon * dy + sinLat * dz;
    }
}
