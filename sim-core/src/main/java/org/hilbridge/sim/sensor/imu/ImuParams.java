package org.hilbridge.sim.sensor.imu;

import static org.hilbridge.sim.param.ParamChecks.requireNonNegative;

/**
 * IMU noise in the Kalibr / Allan-variance parameterisation (Kalibr wiki, "IMU Noise Model"; IEEE Std
 * 952-1997): continuous-time white noise densities and bias random walks per axis.
 *
 * @param accelNoiseDensityMps2PerRtHz    accelerometer white noise, m/s^2/sqrt(Hz) (Allan deviation at 1 s)
 * @param accelRandomWalkMps3PerRtHz      accelerometer bias random walk, m/s^3/sqrt(Hz)
 * @param gyroNoiseDensityRadPerSPerRtHz  gyroscope white noise, rad/s/sqrt(Hz)
 * @param gyroRandomWalkRadPerS2PerRtHz   gyroscope bias random walk, rad/s^2/sqrt(Hz)
 */
public record ImuParams(double accelNoiseDensityMps2PerRtHz, double accelRandomWalkMps3PerRtHz,
                        double gyroNoiseDensityRadPerSPerRtHz, double gyroRandomWalkRadPerS2PerRtHz) {
    public ImuParams {
        requireNonNegative("imu.accel_noise_density_mps2_rthz", accelNoiseDensityMps2PerRtHz);
        requireNonNegative("imu.accel_random_walk_mps3_rthz", accelRandomWalkMps3PerRtHz);
        requireNonNegative("imu.gyro_noise_density_radps_rthz", gyroNoiseDensityRadPerSPerRtHz);
        requireNonNegative("imu.gyro_random_walk_radps2_rthz", gyroRandomWalkRadPerS2PerRtHz);
    }

    /**
     * The Analog Devices ADIS16448 as Kalibr's documentation characterises it (Kalibr wiki, "IMU Noise
     * Model", example values: accelerometer 2.0e-3 m/s^2/sqrt(Hz) and 3.0e-3 m/s^3/sqrt(Hz), gyroscope
     * 1.6968e-4 rad/s/sqrt(Hz) and 1.9393e-5 rad/s^2/sqrt(Hz)), a common MEMS IMU on research vehicles.
     */
    public static ImuParams adis16448() {
        return new ImuParams(2.0e-3, 3.0e-3, 1.6968e-4, 1.9393e-5);
    }

    public static ImuParams noiseless() {
        return new ImuParams(0, 0, 0, 0);
    }
}
