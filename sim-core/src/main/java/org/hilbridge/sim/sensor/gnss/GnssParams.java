package org.hilbridge.sim.sensor.gnss;

import static org.hilbridge.sim.param.ParamChecks.requireNonNegative;

/**
 * A GNSS receiver: the geodetic origin of the world's ENU frame and Gaussian position noise per axis.
 * Defaults: a standalone (non-RTK) receiver, 1.5 m horizontal and 3 m vertical 1-sigma, the order of what
 * u-blox NEO-M8 class receivers state for autonomous fixes (2.5 m CEP horizontal).
 */
public record GnssParams(double originLatDeg, double originLonDeg, double originAltM, double horizontalNoiseM, double verticalNoiseM) {
    public GnssParams {
        requireNonNegative("gnss.horizontal_noise_m", horizontalNoiseM);
        requireNonNegative("gnss.vertical_noise_m", verticalNoiseM);
    }

    public static GnssParams standalone(double originLatDeg, double originLonDeg, double originAltM) {
        return new GnssParams(originLatDeg, originLonDeg, originAltM, 1.5, 3.0);
    }
}
