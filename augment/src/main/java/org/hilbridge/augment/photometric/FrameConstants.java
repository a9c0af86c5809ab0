package org.hilbridge.augment.photometric;

import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.SceneContext;

/**
 * Per-frame constants of the per-pixel passes ({@link SceneRow}, {@link SensorRow}), computed once a frame into
 * reused fields (the backend owns one and fills it for each frame: one frame at a time, one thread).
 */
final class FrameConstants {
    /** Dust airlight tint, linear RGB relative to grey: a brown of desert dust haze (our estimate). */
    private static final float DUST_R = 1.25f;
    private static final float DUST_G = 0.98f;
    private static final float DUST_B = 0.62f;
    /** Darkening of wet ground's diffuse reflectance at full wetness (Lekner and Dorf report 0.5 to 0.8 for soils and sand). */
    static final float WET_DARKENING = 0.35f;

    AugmentInput in;
    int w;
    boolean relight, wet, fog, noisy, vignetting, dirt;
    float sx, sy, sz, ux, uy, uz, tx, ty, tz, sunOld, sunNew, skyE, skyScale, skyL, dryFactor;
    float invFx, invFy, cx, cy, beta, ar, ag, ab;
    float gr, gg, gb, light, a, b, vk, dk, glow, wetness;
    /** Per semantic class id (0 to 255): the wet darkening factor of terrain (ids 2 to 10, see SceneRow), 1 elsewhere. */
    final float[] dryByClass = new float[256];
    /** Per column: x^2 of the normalised image coordinate x = (u - cx) / fx. */
    float[] x2 = new float[0];
    /** Key of the noise's counter-based generator for this frame (see {@link SensorRow}). */
    long noiseKey;

    FrameConstants set(AugmentInput in, Settings s, long seed, float meanLuminance) {
        this.in = in;
        this.w = in.width();
        SceneContext sc = in.scene();
        relight = s.relights();
        sx = (float) sc.sunOptical().x();
        sy = (float) sc.sunOptical().y();
        sz = (float) sc.sunOptical().z();
        ux = (float) sc.upOptical().x();
        uy = (float) sc.upOptical().y();
        uz = (float) sc.upOptical().z();
        // The sun after the elevation change: rotated in the vertical plane through its azimuth.
        double elevOld = Math.asin(Math.max(-1, Math.min(1, sx * ux + sy * uy + sz * uz)));
        double elevNew = elevOld + Math.toRadians(s.sunElevationDeltaDeg());
        float sinOld = (float) Math.sin(elevOld);
        float hx = sx - sinOld * ux, hy = sy - sinOld * uy, hz = sz - sinOld * uz;
        float hn = (float) Math.sqrt(hx * hx + hy * hy + hz * hz);
        if (hn < 1e-6f) {   // sun at the zenith: any horizontal direction serves
            hx = uy;
            hy = -ux;
            hz = 0;
            hn = (float) Math.sqrt(hx * hx + hy * hy);
            if (hn < 1e-6f) {
                hx = 1;
                hn = 1;
            }
        }
        float ce = (float) Math.cos(elevNew) / hn, se = (float) Math.sin(elevNew);
        tx = hx * ce + se * ux;
        ty = hy * ce + se * uy;
        tz = hz * ce + se * uz;
        sunOld = elevOld > 0 ? (float) sc.sunIrradiance() : 0;
        sunNew = elevNew > 0 ? (float) sc.sunIrradiance() * s.sunScale() : 0;
        skyE = (float) sc.skyIrradiance();
        skyScale = s.skyScale();
        skyL = (float) sc.skyRadiance() * skyScale;
        wet = s.wetness() > 0;
        dryFactor = 1 - WET_DARKENING * s.wetness();
        java.util.Arrays.fill(dryByClass, 1f);
        java.util.Arrays.fill(dryByClass, 2, 11, dryFactor);   // terrain classes (SemanticClass ids 2..10): always a surface
        invFx = (float) (1 / in.fxPx());
        invFy = (float) (1 / in.fyPx());
        cx = (float) in.cxPx();
        cy = (float) in.cyPx();
        beta = s.extinctionPerM();
        fog = beta > 0;
        float air = s.airlight();
        ar = air * (1 + s.dust() * (DUST_R - 1));
        ag = air * (1 + s.dust() * (DUST_G - 1));
        ab = air * (1 + s.dust() * (DUST_B - 1));
        light = s.lightLevel();
        float gain = s.exposureGain() / light;
        gr = gain * s.wbRed();
        gg = gain;
        gb = gain * s.wbBlue();
        noisy = s.noisy();
        float fullWell = Float.isFinite(s.fullWellE()) ? s.fullWellE() : 0;
        a = fullWell > 0 ? 1 / fullWell : 0;
        float readFs = fullWell > 0 ? s.readNoiseE() / fullWell : 0;
        b = readFs * readFs;
        if (x2.length != w) {
            x2 = new float[w];
        }
        for (int u = 0; u < w; u++) {
            float x = (u - cx) * invFx;
            x2[u] = x * x;
        }
        wetness = s.wetness();
        vignetting = s.vignetting() > 0;
        vk = s.vignetting();
        dirt = s.dirt() > 0;
        dk = s.dirt();
        glow = 0.5f * meanLuminance;   // light scattered by the dirt: a share of the scene's mean (our estimate)
        noiseKey = mix64(seed ^ 0x6A09E667F3BCC909L);   // unrelated keys for neighbouring seeds

        return this;
    }

    /** SplitMix64's finaliser (Stafford's mix 13; Steele, Lea, Flood, OOPSLA 2014). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
