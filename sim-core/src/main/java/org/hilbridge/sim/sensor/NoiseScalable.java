package org.hilbridge.sim.sensor;

/**
 * A sensor whose model has random noise terms, which a scheduled sensor_noise fault can scale. The factor
 * multiplies the standard deviation of every noise term the sensor draws (1: as configured, 0: noiseless);
 * the number of random draws never changes with it, so a run's later samples stay the same after the fault
 * ends. What the sample reports about its own noise (a covariance) stays as configured: a degraded sensor
 * does not know it is degraded.
 *
 * <p>The runner sets the factor on the simulation thread between steps (sim-core stays free of threads).
 */
public interface NoiseScalable {
    /** Multiplies every noise term's standard deviation by {@code factor} (finite, >= 0) from the next sample on. */
    void setNoiseScale(double factor);

    /** Checks a noise factor: finite and >= 0. */
    static double checkedScale(String streamId, double factor) {
        if (!(factor >= 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException(streamId + ": noise scale " + factor + " is not allowed: it must be a finite number >= 0");
        }
        return factor;
    }
}
