package org.hilbridge.hil.stack;

import org.hilbridge.sim.sensor.gnss.Wgs84;

/**
 * Pose in the world (ENU) frame from what a vehicle computer has: wheel odometry dead reckoning, corrected by
 * GNSS fixes. Never from ground truth.
 *
 * <ul>
 *   <li>Prediction: each odometry increment, taken in the odometry frame's own body axes (rotate by minus the
 *       previous odometry yaw), is applied in the world at the estimated heading; the yaw increment likewise.
 *   <li>Position correction: a complementary filter, x += k (z - x), with z the fix moved from the antenna to
 *       base_link by the antenna's mount at the estimated heading.
 *   <li>Heading correction: over the last fixes spanning at least {@code headingBaselineM} of travel, the
 *       course of the GNSS track minus the course of the dead-reckoned track over the same fixes is the
 *       heading error (GNSS course over ground as a heading reference; Groves, "Principles of GNSS, Inertial,
 *       and Multisensor Integrated Navigation Systems", 2nd ed., §16.1); a fraction of it is applied.
 * </ul>
 * Limits: wheel slip (mud, sand) makes the prediction run ahead of the vehicle until GNSS pulls it back; a
 * GNSS outage leaves pure dead reckoning; reversing would corrupt the course correction (the stack never
 * reverses). Not thread-safe: the stack calls it from its one I/O thread.
 */
final class Localizer {
    private static final int HISTORY = 64;
    private final Wgs84 datum;
    private final double antennaXM;
    private final double antennaYM;
    private final double positionGain;
    private final double headingGain;
    private final double headingBaselineM;
    private final double[] enu = new double[3];
    private final double[] fixX = new double[HISTORY];
    private final double[] fixY = new double[HISTORY];
    private final double[] drX = new double[HISTORY];
    private final double[] drY = new double[HISTORY];
    private long fixes;
    private double xM;
    private double yM;
    private double yawRad;
    /** Dead-reckoned world track (odometry only, never corrected): the reference for the heading check. */
    private double drXM;
    private double drYM;
    private boolean haveOdom;
    private double odomX;
    private double odomY;
    private double odomYaw;
    private double speedMps;

    Localizer(double initialXM, double initialYM, double initialYawRad, Wgs84 datum, double antennaXM, double antennaYM,
              double positionGain, double headingGain, double headingBaselineM) {
        this.xM = initialXM;
        this.yM = initialYM;
        this.yawRad = initialYawRad;
        this.datum = datum;
        this.antennaXM = antennaXM;
        this.antennaYM = antennaYM;
        this.positionGain = positionGain;
        this.headingGain = headingGain;
        this.headingBaselineM = headingBaselineM;
    }

    void onOdometry(double oxM, double oyM, double oyawRad, double forwardSpeedMps) {
        speedMps = forwardSpeedMps;
        if (!haveOdom) {
            haveOdom = true;
        } else {
            double dx = oxM - odomX;
            double dy = oyM - odomY;
            double c = Math.cos(odomYaw);
            double s = Math.sin(odomYaw);
            double forward = c * dx + s * dy;
            double left = -s * dx + c * dy;
            double cw = Math.cos(yawRad);
            double sw = Math.sin(yawRad);
            double wx = cw * forward - sw * left;
            double wy = sw * forward + cw * left;
            xM += wx;
            yM += wy;
            drXM += wx;
            drYM += wy;
            yawRad = wrap(yawRad + wrap(oyawRad - odomYaw));
        }
        odomX = oxM;
        odomY = oyM;
        odomYaw = oyawRad;
    }

    /** A GNSS fix (status >= 0); lat/lon in degrees, height in metres. */
    void onGnss(double latDeg, double lonDeg, double heightM) {
        if (datum == null) {
            return;
        }
        datum.toEnu(latDeg, lonDeg, heightM, enu);
        double c = Math.cos(yawRad);
        double s = Math.sin(yawRad);
        double zx = enu[0] - (c * antennaXM - s * antennaYM);
        double zy = enu[1] - (s * antennaXM + c * antennaYM);
        int i = (int) (fixes % HISTORY);
        fixX[i] = zx;
        fixY[i] = zy;
        drX[i] = drXM;
        drY[i] = drYM;
        fixes++;
        correctHeading(i);
        xM += positionGain * (zx - xM);
        yM += positionGain * (zy - yM);
    }

    private void correctHeading(int newest) {
        int available = (int) Math.min(fixes, HISTORY);
        for (int back = 1; back < available; back++) {
            int j = Math.floorMod(newest - back, HISTORY);
            double ddx = drX[newest] - drX[j];
            double ddy = drY[newest] - drY[j];
            if (Math.hypot(ddx, ddy) >= headingBaselineM) {
                double gx = fixX[newest] - fixX[j];
                double gy = fixY[newest] - fixY[j];
                if (Math.hypot(gx, gy) >= headingBaselineM / 2) {
                    double error = wrap(Math.atan2(gy, gx) - Math.atan2(ddy, ddx));
                    yawRad = wrap(yawRad + headingGain * error);
                    // Rotate the stored dead-reckoned track with the heading, so a correction is counted once.
                    rotateHistory(headingGain * error, newest, available);
                }
                return;
            }
        }
    }

    private void rotateHistory(double angleRad, int newest, int available) {
        double c = Math.cos(angleRad);
        double s = Math.sin(angleRad);
        double ox = drX[newest];
        double oy = drY[newest];
        for (int back = 1; back < available; back++) {
            int j = Math.floorMod(newest - back, HISTORY);
            double dx = drX[j] - ox;
            double dy = drY[j] - oy;
            drX[j] = ox + c * dx - s * dy;
            drY[j] = oy + s * dx + c * dy;
        }
    }

    static double wrap(double a) {
        return Math.atan2(Math.sin(a), Math.cos(a));
    }

    double xM() {
        return xM;
    }

    double yM() {
        return yM;
    }

    double yawRad() {
        return yawRad;
    }

    double speedMps() {
        return speedMps;
    }

    boolean ready() {
        return haveOdom;
    }
}
