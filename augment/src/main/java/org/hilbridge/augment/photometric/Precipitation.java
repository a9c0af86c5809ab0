package org.hilbridge.augment.photometric;

import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.SceneContext;

/**
 * Rain streaks and snow flakes drawn in front of the scene at seeded depths, each hidden where a surface
 * lies nearer than it (the depth channel), alpha-blended in linear light.
 *
 * <p>Rain: drops fall at their terminal velocity, 6.5 m/s for a 2 mm drop (Atlas, Srivastava, Sekhon,
 * "Doppler radar characteristics of precipitation at vertical incidence", Rev. Geophys. 11(1), 1973:
 * v = 9.65 - 10.3 exp(-0.6 D)); each streak is the image-plane path of a drop at depth z during the exposure,
 * from the drop's velocity relative to the camera (fall plus the camera's own motion), by the pinhole motion
 * field (Longuet-Higgins and Prazdny, Proc. R. Soc. Lond. B 208, 1980). A drop refracts light from a wide
 * cone of the scene, so its streak is brighter than the background behind it and only faintly depends on it
 * (Garg and Nayar, "Vision and rain", IJCV 75(1), 2007); the streak's opacity is the share of the exposure the
 * drop spends on a pixel, so streaks are faint at ordinary exposures, as in real footage. Snow: flakes of about 5 mm falling at 1 m/s, drawn as discs.
 * The number of drops and flakes in view grows with the rate; the counts are tuned for appearance, not
 * measured.
 */
final class Precipitation {
    static final double RAIN_FALL_MPS = 6.5;
    static final double SNOW_FALL_MPS = 1.0;
    static final double DROP_DIAMETER_M = 0.002;
    static final double FLAKE_DIAMETER_M = 0.005;
    /** Exposure assumed for streak length when motion blur is off. */
    static final double DEFAULT_EXPOSURE_S = 0.008;
    /** Drops in view per megapixel at 25 mm/h (scales with the square root of the rate) and flakes at snow.rate 1. */
    static final double STREAKS_PER_MPX = 1200;
    static final double FLAKES_PER_MPX = 2500;
    static final double NEAR_M = 0.5;
    static final double FAR_M = 15;

    private long rng;

    /** Draws this frame's streaks and flakes into {@code overlay} (reset by the caller; {@link Overlay#index} hides what lies behind a surface). */
    void draw(AugmentInput in, Settings s, long seed, float meanLuminance, Overlay overlay) {
        double mpx = in.pixels() / 1e6;
        rng = seed ^ 0x2545F4914F6CDD1DL;
        if (s.rainRateMmH() > 0) {
            int count = (int) Math.round(STREAKS_PER_MPX * mpx * Math.sqrt(s.rainRateMmH() / 25.0));
            double exposure = s.blurExposureS() > 0 ? Math.max(s.blurExposureS(), 0.002) : DEFAULT_EXPOSURE_S;
            float radiance = Math.min(1f, 0.15f + 1.2f * meanLuminance);
            for (int i = 0; i < count; i++) {
                streak(in, exposure, radiance, overlay);
            }
        }
        if (s.snowRate() > 0) {
            int count = (int) Math.round(FLAKES_PER_MPX * mpx * s.snowRate());
            float radiance = Math.min(1f, 0.3f + 1.5f * meanLuminance);
            for (int i = 0; i < count; i++) {
                flake(in, radiance, overlay);
            }
        }
    }

    private void streak(AugmentInput in, double exposureS, float radiance, Overlay overlay) {
        int w = in.width(), h = in.height();
        double u0 = uniform() * w, v0 = uniform() * h;
        double z = NEAR_M * Math.pow(FAR_M / NEAR_M, uniform());   // log-uniform depth: as many near as far streaks
        SceneContext sc = in.scene();
        // The drop's velocity relative to the camera: falling along -up, minus the camera's velocity.
        double rx = -RAIN_FALL_MPS * sc.upOptical().x() - sc.velocityOpticalMps().x();
        double ry = -RAIN_FALL_MPS * sc.upOptical().y() - sc.velocityOpticalMps().y();
        double rz = -RAIN_FALL_MPS * sc.upOptical().z() - sc.velocityOpticalMps().z();
        double du = (in.fxPx() * rx + (u0 - in.cxPx()) * -rz) / z * exposureS;
        double dv = (in.fyPx() * ry + (v0 - in.cyPx()) * -rz) / z * exposureS;
        double length = Math.sqrt(du * du + dv * dv);
        int steps = (int) Math.min(400, Math.ceil(length)) + 1;
        double widthPx = DROP_DIAMETER_M * in.fxPx() / z;
        // Opacity: each pixel on the path is covered for (drop size / image speed) of the exposure, so
        // alpha = width / length (Garg and Nayar: a streak's intensity change is tau / T of the drop's excess
        // radiance); with a fall-dominated speed this is D / (v T), about 0.04 at 8 ms whatever the depth.
        float alpha = (float) Math.min(0.5, widthPx / Math.max(length, widthPx));
        for (int k = 0; k < steps; k++) {
            double t = steps == 1 ? 0 : (double) k / (steps - 1) - 0.5;
            int u = (int) Math.round(u0 + t * du), v = (int) Math.round(v0 + t * dv);
            blend(in, u, v, z, alpha, radiance, overlay);
        }
    }

    private void flake(AugmentInput in, float radiance, Overlay overlay) {
        int w = in.width(), h = in.height();
        double u0 = uniform() * w, v0 = uniform() * h;
        double z = NEAR_M * Math.pow(FAR_M / NEAR_M, uniform());
        double radiusPx = 0.5 * FLAKE_DIAMETER_M * in.fxPx() / z;
        double drawn = Math.max(radiusPx, 0.75);
        float alpha = (float) Math.min(0.9, 0.9 * (radiusPx / drawn) * (radiusPx / drawn) + 0.15);
        int r = (int) Math.ceil(drawn);
        for (int dv = -r; dv <= r; dv++) {
            for (int du = -r; du <= r; du++) {
                double d2 = (du * du + dv * dv) / (drawn * drawn);
                if (d2 <= 1) {
                    blend(in, (int) Math.round(u0) + du, (int) Math.round(v0) + dv, z, (float) (alpha * (1 - 0.5 * d2)), radiance, overlay);
                }
            }
        }
    }

    /**
     * Draws a layer at depth z over pixel (u, v) if it is in the image; whether a nearer surface hides it is tested
     * later, for all layers in one loop ({@link Overlay#index}): here each test would miss the cache (a streak's pixels
     * are a row apart) with little else to overlap it.
     */
    private static void blend(AugmentInput in, int u, int v, double z, float alpha, float radiance, Overlay overlay) {
        if (u < 0 || v < 0 || u >= in.width() || v >= in.height()) {
            return;
        }
        overlay.over(v * in.width() + u, v, z, alpha, radiance);
    }

    /** SplitMix64 (Steele, Lea, Flood, OOPSLA 2014), uniform in [0, 1). */
    private double uniform() {
        long z = (rng += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }
}
