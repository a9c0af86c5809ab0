package org.hilbridge.sim.sensor;

import static org.hilbridge.sim.ErrorMessages.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hilbridge.sim.random.SeededRandom;
import org.hilbridge.sim.sensor.gnss.GnssParams;
import org.hilbridge.sim.sensor.gnss.GnssSample;
import org.hilbridge.sim.sensor.gnss.GnssSensor;
import org.hilbridge.sim.sensor.gnss.Wgs84;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.vehicle.Vehicle;
import org.hilbridge.sim.vehicle.VehicleParams;
import org.hilbridge.sim.world.World;
import org.junit.jupiter.api.Test;

class GnssSensorTest {
    private static final double LAT = 48.137;
    private static final double LON = 11.575;

    @Test
    void enuOffsetsBecomeLatitudeAndLongitudeByTheEllipsoidsRadii() {
        Wgs84 g = new Wgs84(LAT, LON, 500);
        double[] out = new double[3];
        g.toGeodetic(0, 0, 0, out);
        assertEquals(LAT, out[0], 1e-12);
        assertEquals(LON, out[1], 1e-12);
        assertEquals(500, out[2], 1e-6);
        // Small displacements: dphi = dn / (M + h), dlambda = de / ((N + h) cos phi), with the meridian radius
        // M = a (1 - e^2) / (1 - e^2 sin^2 phi)^(3/2) and N = a / sqrt(1 - e^2 sin^2 phi) (Misra & Enge §4.A).
        double phi = Math.toRadians(LAT);
        double w = 1 - Wgs84.ECCENTRICITY_SQ * Math.sin(phi) * Math.sin(phi);
        double m = Wgs84.SEMI_MAJOR_AXIS_M * (1 - Wgs84.ECCENTRICITY_SQ) / Math.pow(w, 1.5);
        double n = Wgs84.SEMI_MAJOR_AXIS_M / Math.sqrt(w);
        g.toGeodetic(0, 10, 0, out);
        assertEquals(Math.toDegrees(10 / (m + 500)), out[0] - LAT, 1e-11);
        g.toGeodetic(10, 0, 0, out);
        assertEquals(Math.toDegrees(10 / ((n + 500) * Math.cos(phi))), out[1] - LON, 1e-11);
        assertEquals(500, out[2], 1e-4, "10 m east on the tangent plane is 8 micrometres above the ellipsoid");
        g.toGeodetic(0, 0, 25, out);
        assertEquals(525, out[2], 1e-6);
    }

    @Test
    void toEnuInvertsToGeodeticAndFollowsTheMeridianRadius() {
        Wgs84 w = new Wgs84(48.2625, 11.6670, 480);
        double[] geo = new double[3];
        double[] enu = new double[3];
        for (double[] p : new double[][] {{0, 0, 0}, {120.5, -60.25, 3.5}, {-9_000, 7_500, -40}, {950, 980, 12}}) {
            w.toGeodetic(p[0], p[1], p[2], geo);
            w.toEnu(geo[0], geo[1], geo[2], enu);
            for (int k = 0; k < 3; k++) {
                assertEquals(p[k], enu[k], 1e-6, "round trip of " + java.util.Arrays.toString(p) + " axis " + k);
            }
        }
        // Along the meridian a small step d(phi) is M d(phi) north, M = a (1 - e^2) / (1 - e^2 sin^2 phi)^1.5
        // (the meridional radius of curvature; e.g. Misra and Enge, "Global Positioning System", §4.A).
        double lat = Math.toRadians(48.2625);
        double s = Math.sin(lat);
        double m = Wgs84.SEMI_MAJOR_AXIS_M * (1 - Wgs84.ECCENTRICITY_SQ) / Math.pow(1 - Wgs84.ECCENTRICITY_SQ * s * s, 1.5);
        w.toEnu(48.2625 + 1e-4, 11.6670, 480, enu);
        assertEquals(m * Math.toRadians(1e-4), enu[1], 1e-3);
        assertEquals(0, enu[0], 1e-9);
    }

    @Test
    void noiseMatchesTheConfigurationAndCovarianceIsFilledAsNavSatFixExpects() {
        Vehicle v = new Vehicle(VehicleParams.offRoadUtility(), new World(ProceduralTerrain.plane(100, 10, MaterialCatalog.standard().get("grass"))));
        GnssParams p = new GnssParams(LAT, LON, 0, 2.0, 4.0);
        GnssSensor gnss = new GnssSensor("gnss", "gnss_link", 10, SensorMount.atBaseLink(), p, new SeededRandom(3));
        Wgs84 g = new Wgs84(LAT, LON, 0);
        double[] truth = new double[3];
        g.toGeodetic(v.xM(), v.yM(), v.zM(), truth);
        double metresPerDegLat = Math.toRadians(1) * 6_367_000; // about (meridian radius at 48 deg, within 0.5 %)
        int n = 20_000;
        double sumN = 0;
        double sumNn = 0;
        double sumU = 0;
        double sumUu = 0;
        GnssSample s = null;
        for (int k = 0; k < n; k++) {
            s = gnss.sample(v, k * 100_000_000L);
            double dn = (s.latitudeDeg() - truth[0]) * metresPerDegLat;
            double du = s.altitudeM() - truth[2];
            sumN += dn;
            sumNn += dn * dn;
            sumU += du;
            sumUu += du * du;
        }
        double stdN = Math.sqrt(sumNn / n - Math.pow(sumN / n, 2));
        double stdU = Math.sqrt(sumUu / n - Math.pow(sumU / n, 2));
        assertEquals(2.0, stdN, 0.1, "north sigma (the degree-to-metre factor is good to 0.5 % here)");
        assertEquals(4.0, stdU, 0.1);
        assertEquals(GnssSample.STATUS_FIX, s.status());
        assertEquals(GnssSample.COVARIANCE_TYPE_DIAGONAL_KNOWN, s.covarianceType());
        assertEquals(4.0, s.positionCovarianceM2()[0]);
        assertEquals(4.0, s.positionCovarianceM2()[4]);
        assertEquals(16.0, s.positionCovarianceM2()[8]);
    }

    @Test
    void anOutageReportsNoFix() {
        Vehicle v = new Vehicle(VehicleParams.offRoadUtility(), new World(ProceduralTerrain.plane(100, 10, MaterialCatalog.standard().get("grass"))));
        GnssSensor gnss = new GnssSensor("gnss", "gnss_link", 10, SensorMount.atBaseLink(), GnssParams.standalone(LAT, LON, 0), new SeededRandom(3));
        gnss.setOutage(true);
        GnssSample s = gnss.sample(v, 0);
        assertEquals(GnssSample.STATUS_NO_FIX, s.status());
        assertTrue(Double.isNaN(s.latitudeDeg()));
        gnss.setOutage(false);
        assertEquals(GnssSample.STATUS_FIX, gnss.sample(v, 100_000_000L).status());
        assertEquals(1, gnss.sample(v, 200_000_000L).sequence() - 1, "sequence keeps counting through the outage");
    }

    @Test
    void badOriginsAndNoiseAreNamed() {
        assertMessage(() -> new Wgs84(91, 0, 0), "gnss.origin_lat_deg = 91.0");
        assertMessage(() -> new GnssParams(0, 0, 0, -1, 1), "gnss.horizontal_noise_m = -1.0");
    }
}
