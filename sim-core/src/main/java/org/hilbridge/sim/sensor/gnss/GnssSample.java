package org.hilbridge.sim.sensor.gnss;

import org.hilbridge.sim.sensor.SensorSample;

/**
 * A fix as sensor_msgs/NavSatFix carries it: status (STATUS_NO_FIX = -1, STATUS_FIX = 0), latitude and
 * longitude in degrees, altitude in metres above the WGS-84 ellipsoid, and the position covariance, row-major
 * 3x3 in ENU (m^2), with its type (COVARIANCE_TYPE_DIAGONAL_KNOWN = 2, UNKNOWN = 0). Without a fix the
 * position fields are NaN.
 */
public record GnssSample(String streamId, long sequence, long captureNanos, String frameId, int status,
                         double latitudeDeg, double longitudeDeg, double altitudeM, double[] positionCovarianceM2, int covarianceType)
        implements SensorSample {
    public static final int STATUS_NO_FIX = -1;
    public static final int STATUS_FIX = 0;
    public static final int COVARIANCE_TYPE_UNKNOWN = 0;
    public static final int COVARIANCE_TYPE_DIAGONAL_KNOWN = 2;

    public GnssSample {
        positionCovarianceM2 = positionCovarianceM2.clone();
    }

    @Override
    public double[] positionCovarianceM2() {
        return positionCovarianceM2.clone();
    }
}
