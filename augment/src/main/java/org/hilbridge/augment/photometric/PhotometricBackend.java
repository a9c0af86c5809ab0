package org.hilbridge.augment.photometric;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.hilbridge.augment.AugmentBackend;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.SceneContext;
import org.hilbridge.augment.param.ParameterSet;
import org.hilbridge.augment.param.ParameterSpace;

/**
 * Backend 1: physically based appearance changes in linear light, pure Java, deterministic for a seed.
 *
 * <p>The chain follows the light from the scene to the file in five stages. Without a neighbourhood stage
 * (motion blur, defocus) stages 1, 2 and 4 run fused in one pass, row by row through a row buffer that stays
 * in cache (the precipitation is drawn first into an {@link Overlay} that stage 1 composites); with one, stage 1
 * writes a linear frame that the blur and then stage 4 read:
 * <ol>
 * <li>Scene, per pixel: sRGB decode (IEC 61966-2-1); relighting by the ratio of new to rendered shading from the
 * pixel's normal, the sun and world up (Lambert's cosine law plus hemisphere sky light, the renderer's own
 * model; shadows are not known to this ratio, so a rendered shadow is relit as if lit: a limitation); wet ground
 * (terrain classes darkened, after Lekner and Dorf, "Why some things are darker when wet", Appl. Opt. 27(7),
 * 1988; on asphalt also the sky's reflection in the water film, weighted by Schlick's Fresnel approximation,
 * Computer Graphics Forum 13(3), 1994); participating media by Koschmieder's law on ray distance, L = L0 t + A (1 - t), t = exp(-beta d)
 * (Koschmieder 1924; Middleton, "Vision through the atmosphere", 1952), with beta the sum of fog/haze/dust,
 * rain and snow extinction.
 * <li>Precipitation in front of the scene ({@link Precipitation}): rain streaks and snow flakes at seeded depths,
 * hidden behind nearer surfaces.
 * <li>Lens, neighbourhood: motion blur along each pixel's optical flow from the camera's velocity and the pixel's
 * depth ({@link LensBlur}); defocus.
 * <li>Lens and sensor, per pixel: lens dirt; natural vignetting (cos^4 of the angle off the optical axis,
 * e.g. Ray, "Applied Photographic Optics", 3rd ed., ch. 12); scene light level, exposure and white
 * balance; Poisson-Gaussian sensor noise on the raw signal (Foi, Trimeche, Katkovnik, Egiazarian, "Practical
 * Poissonian-Gaussian noise modeling and fitting for single-image raw-data", IEEE TIP 17(10), 2008: variance
 * a y + b, with a = 1 / full-well electrons and b = (read noise / full well)^2 in full-scale units; its
 * heteroscedastic normal approximation, sigma(y) from a 4096-step table); saturation;
 * sRGB encode.
 * <li>Codec: 8 x 8 DCT quantisation as baseline JPEG does it ({@link BlockDct}).
 * </ol>
 * Scratch buffers are kept between frames of one size, so the steady state allocates nothing. One frame at
 * a time: an instance is not to be shared between threads.
 */
public final class PhotometricBackend implements AugmentBackend {
    /** Bumped whenever the output for a given (input, parameters, seed) changes; hashed into provenance. */
    static final String ALGORITHM_VERSION = "hilbridge-photometric-1";
    /** Dust airlight tint, linear RGB relative to grey: a brown of desert dust haze (our estimate). */
    private static final float DUST_R = 1.25f;
    private static final float DUST_G = 0.98f;
    private static final float DUST_B = 0.62f;
    /** Darkening of wet ground's diffuse reflectance at full wetness (Lekner and Dorf report 0.5 to 0.8 for soils and sand). */
    static final float WET_DARKENING = 0.35f;

    private final ParameterSpace space;
    private final long lensSeed;
    private final SrgbCurve srgb = new SrgbCurve();
    private final ExpTable exp = new ExpTable();
    private final GaussianTable gauss = new GaussianTable();
    private final Precipitation precipitation = new Precipitation();
    private final LensBlur blur = new LensBlur();
    private final BlockDct dct = new BlockDct();
    private final String modelHash;

    private final Overlay overlay = new Overlay();
    private final Frame frame = new Frame();
    private float[] row = new float[0];
    private float[] lin = new float[0];
    private float[] scratch = new float[0];
    private float[] dirtMask = new float[0];
    private int dirtKeyW = -1;
    private int dirtKeyH = -1;
    private ParameterSet cachedParams;
    private Settings cachedSettings;

    /** With the widest domains ({@link PhotometricSpace#SPACE}) and lens dirt drawn from seed 0. */
    public PhotometricBackend() {
        this(PhotometricSpace.SPACE, 0);
    }

    /**
     * @param space    the declared space (possibly narrowed by configuration)
     * @param lensSeed seed of the dirt on the lens: a property of the camera, the same on every frame
     */
    public PhotometricBackend(ParameterSpace space, long lensSeed) {
        if (!space.keys().equals(PhotometricSpace.SPACE.keys())) {
            throw new IllegalArgumentException("the photometric backend takes the keys " + PhotometricSpace.SPACE.keys() + ", not " + space.keys());
        }
        this.space = space;
        this.lensSeed = lensSeed;
        this.modelHash = sha256(ALGORITHM_VERSION);
    }


    @Override
    public String name() {
        return "photometric";
    }

    @Override
    public String modelHash() {
        return modelHash;
    }

    @Override
    public ParameterSpace space() {
        return space;
    }

    @Override
    public void augment(AugmentInput in, ParameterSet params, long seed, byte[] outRgb8) {
        if (!params.space().keys().equals(space.keys())) {
            throw new IllegalArgumentException("parameters " + params.space().keys() + " are not this backend's: " + space.keys());
        }
        if (outRgb8.length != in.rgb8().length) {
            throw new IllegalArgumentException("output holds " + outRgb8.length + " bytes: the frame needs " + in.rgb8().length);
        }
        if (params != cachedParams) {
            cachedSettings = Settings.of(params);
            cachedParams = params;
        }
        Settings s = cachedSettings;
        int w = in.width(), h = in.height();
        float meanLuminance = meanLuminance(in);
        overlay.reset(in.pixels());
        precipitation.draw(in, s, seed, meanLuminance, overlay);
        Frame f = frame.set(in, s, seed, meanLuminance);
        if (s.dirt() > 0) {
            prepareDirt(w, h);
        }
        boolean motion = s.blurExposureS() > 0 && in.scene().velocityOpticalMps().norm() > 0;
        if (!motion && s.defocusPx() <= 0) {
            // One pass, row by row through a row buffer that stays in cache: scene, then lens and sensor.
            if (row.length != 3 * w) {
                row = new float[3 * w];
            }
            for (int v = 0; v < h; v++) {
                sceneRow(f, v, row, 0);
                sensorRow(f, v, row, 0, outRgb8);
            }
        } else {
            int n3 = 3 * in.pixels();
            if (lin.length != n3) {
                lin = new float[n3];
                scratch = new float[n3];
            }
            for (int v = 0; v < h; v++) {
                sceneRow(f, v, lin, 3 * v * w);
            }
            float[] result = lin;
            if (motion) {
                blur.motion(in, s.blurExposureS(), lin, scratch);
                result = scratch;
            }
            if (s.defocusPx() > 0) {
                blur.defocus(w, h, s.defocusPx(), result, result == lin ? scratch : lin);
            }
            for (int v = 0; v < h; v++) {
                sensorRow(f, v, result, 3 * v * w, outRgb8);
            }
        }
        if (s.jpegQuality() < 100) {
            dct.quantise(w, h, s.jpegQuality(), outRgb8);
        }
    }

    /**
     * Mean linear luminance of the raw frame from every 7th pixel (the level of the light that rain drops and
     * lens dirt scatter; a sample is as good as all pixels for that and costs 1/7 of a pass).
     */
    private float meanLuminance(AugmentInput in) {
        byte[] rgb = in.rgb8();
        double sum = 0;
        int count = 0;
        for (int p = 0; p < in.pixels(); p += 7, count++) {
            int o = 3 * p;
            sum += 0.2126f * srgb.linear(rgb[o]) + 0.7152f * srgb.linear(rgb[o + 1]) + 0.0722f * srgb.linear(rgb[o + 2]);
        }
        return (float) (sum / count);
    }

    /** Per-frame constants of the per-pixel passes, computed once a frame into reused fields. */
    private static final class Frame {
        AugmentInput in;
        Settings s;
        boolean relight, wet, fog, noisy, vignetting, dirt;
        float sx, sy, sz, ux, uy, uz, tx, ty, tz, sunOld, sunNew, skyE, skyScale, skyL, dryFactor;
        float invFx, invFy, cx, cy, beta, ar, ag, ab;
        float gr, gg, gb, light, a, b, vk, dk, glow, wetness;
        long noiseState;
        /** sigma(y) = sqrt(a y + b) of the Poisson-Gaussian model at y = i / SIGMA_STEPS, i = 0 .. SIGMA_STEPS. */
        static final int SIGMA_STEPS = 4096;
        final float[] sigma = new float[SIGMA_STEPS + 1];
        private float sigmaA = Float.NaN;
        private float sigmaB = Float.NaN;

        Frame set(AugmentInput in, Settings s, long seed, float meanLuminance) {
            this.in = in;
            this.s = s;
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
            if (a != sigmaA || b != sigmaB) {
                for (int i = 0; i <= SIGMA_STEPS; i++) {
                    sigma[i] = (float) Math.sqrt(a * (double) i / SIGMA_STEPS + b);
                }
                sigmaA = a;
                sigmaB = b;
            }
            wetness = s.wetness();
            vignetting = s.vignetting() > 0;
            vk = s.vignetting();
            dirt = s.dirt() > 0;
            dk = s.dirt();
            glow = 0.5f * meanLuminance;   // light scattered by the dirt: a share of the scene's mean (our estimate)
            noiseState = seed == 0 ? 0x9E3779B97F4A7C15L : seed;   // xorshift64 needs a non-zero state
            return this;
        }
    }

    /** Scene radiance of row v, linear RGB, into dst from dstOffset: relighting, wet ground, media, precipitation. */
    private void sceneRow(Frame f, int v, float[] dst, int dstOffset) {
        AugmentInput in = f.in;
        byte[] rgb = in.rgb8();
        float[] range = in.rangeM();
        byte[] cls = in.semantic();
        float[] nrm = in.normals();
        int w = in.width();
        boolean relight = f.relight, wet = f.wet, fog = f.fog;
        boolean overlaid = !overlay.isEmpty();
        float beta = f.beta, ar = f.ar, ag = f.ag, ab = f.ab;
        float dy = (v - f.cy) * f.invFy, dy2 = dy * dy + 1;
        for (int u = 0, p = v * w, d = dstOffset; u < w; u++, p++, d += 3) {
            int o = 3 * p;
            float r = srgb.linear(rgb[o]), g = srgb.linear(rgb[o + 1]), b = srgb.linear(rgb[o + 2]);
            if (relight) {
                float nx = nrm[o], ny = nrm[o + 1], nz = nrm[o + 2];
                float ratio;
                if (nx != 0 || ny != 0 || nz != 0) {
                    float hemi = 0.5f * (1 + nx * f.ux + ny * f.uy + nz * f.uz);
                    float before = f.sunOld * Math.max(0, nx * f.sx + ny * f.sy + nz * f.sz) + f.skyE * hemi;
                    float after = f.sunNew * Math.max(0, nx * f.tx + ny * f.ty + nz * f.tz) + f.skyScale * f.skyE * hemi;
                    ratio = Math.min(8f, after / Math.max(before, 1e-4f));
                } else {
                    ratio = f.skyScale;
                }
                r *= ratio;
                g *= ratio;
                b *= ratio;
            }
            if (wet) {
                int c = cls[p];
                if (c >= 2 && c <= 10) {   // terrain classes (SemanticClass ids 2..10): always a surface
                    float refl = 0;
                    if (c <= 3) {
                        // Asphalt (ids 2, 3) holds a water film that mirrors the sky: Schlick's F = F0 + (1 - F0)(1 - cos)^5,
                        // F0 = 0.02 for water, cos between the view ray and the normal. Rough ground (grass, soil, gravel,
                        // sand, snow) only darkens: its wet surface scatters rather than mirrors.
                        float nx = nrm[o], ny = nrm[o + 1], nz = nrm[o + 2];
                        float dx = (u - f.cx) * f.invFx;
                        float cosV = -(dx * nx + dy * ny + nz) * inverseSqrt(dx * dx + dy2);
                        float m = 1 - Math.max(0, Math.min(1, cosV));
                        float m2 = m * m;
                        float fresnel = 0.02f + 0.98f * m2 * m2 * m;
                        refl = f.wetness * fresnel * f.skyL * Math.max(0, nx * f.ux + ny * f.uy + nz * f.uz);
                    }
                    r = r * f.dryFactor + refl;
                    g = g * f.dryFactor + refl;
                    b = b * f.dryFactor + refl;
                }
            }
            if (fog) {
                float t = exp.expNeg(beta * range[p]);
                float q = 1 - t;
                r = r * t + ar * q;
                g = g * t + ag * q;
                b = b * t + ab * q;
            }
            if (overlaid && overlay.touched(p)) {
                float k = overlay.keep(p), add = overlay.add(p);
                r = r * k + add;
                g = g * k + add;
                b = b * k + add;
            }
            dst[d] = r;
            dst[d + 1] = g;
            dst[d + 2] = b;
        }
    }

    /** 1 / sqrt(x) for x &gt;= 1 by the bit-level first guess and two Newton steps (relative error below 1e-6; Lomont 2003). */
    static float inverseSqrt(float x) {
        float y = Float.intBitsToFloat(0x5F375A86 - (Float.floatToRawIntBits(x) >> 1));
        y = y * (1.5f - 0.5f * x * y * y);
        return y * (1.5f - 0.5f * x * y * y);
    }

    /**
     * Row v from scene radiance (src from srcOffset) to rgb8: lens dirt, vignetting, light level, exposure,
     * white balance, noise, saturation, encode.
     */
    private void sensorRow(Frame f, int v, float[] src, int srcOffset, byte[] out) {
        int w = f.in.width();
        float y = (v - f.cy) * f.invFy;
        float y2 = 1 + y * y;
        boolean dirt = f.dirt, vignetting = f.vignetting, noisy = f.noisy;
        float light = f.light, vk = f.vk, dk = f.dk, glow = f.glow, cx = f.cx, invFx = f.invFx;
        float gr = f.gr, gg = f.gg, gb = f.gb;
        float[] sigma = f.sigma;
        float sigmaSteps = Frame.SIGMA_STEPS;
        long state = f.noiseState;
        for (int u = 0, p = v * w, d = srcOffset; u < w; u++, p++, d += 3) {
            float r = src[d], g = src[d + 1], b = src[d + 2];
            if (dirt) {
                float m = dk * dirtMask[p];
                float keep = 1 - 0.7f * m;
                float add = m * glow;
                r = r * keep + add;
                g = g * keep + add;
                b = b * keep + add;
            }
            float level = light;
            if (vignetting) {
                float x = (u - cx) * invFx;
                float cos2 = 1 / (y2 + x * x);
                level *= 1 - vk * (1 - cos2 * cos2);
            }
            r *= level;
            g *= level;
            b *= level;
            if (noisy) {
                // One xorshift64 step gives the three deviates' table indices (16 bits each).
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                // Plain comparisons rather than Math.min / max: those carry NaN and -0 rules this loop does not need.
                r += sigma[(int) ((r < 0 ? 0 : r > 1 ? 1 : r) * sigmaSteps)] * gauss.at((int) state);
                g += sigma[(int) ((g < 0 ? 0 : g > 1 ? 1 : g) * sigmaSteps)] * gauss.at((int) (state >>> 16));
                b += sigma[(int) ((b < 0 ? 0 : b > 1 ? 1 : b) * sigmaSteps)] * gauss.at((int) (state >>> 32));
                r = r > 1 ? 1 : r;
                g = g > 1 ? 1 : g;
                b = b > 1 ? 1 : b;
            }
            int o = 3 * p;
            out[o] = srgb.code(r * gr);
            out[o + 1] = srgb.code(g * gg);
            out[o + 2] = srgb.code(b * gb);
        }
        f.noiseState = state;
    }

    /** Soft dirt spots at seeded places on the lens (a property of the camera: seeded by lensSeed, not the frame). */
    private void prepareDirt(int w, int h) {
        if (dirtKeyW == w && dirtKeyH == h) {
            return;
        }
        dirtMask = new float[w * h];
        java.util.SplittableRandom r = new java.util.SplittableRandom(lensSeed);
        int spots = 12;
        for (int i = 0; i < spots; i++) {
            double cu = r.nextDouble() * w, cv = r.nextDouble() * h;
            double radius = (0.03 + 0.09 * r.nextDouble()) * Math.min(w, h);
            double opacity = 0.3 + 0.7 * r.nextDouble();
            int u0 = (int) Math.max(0, cu - radius), u1 = (int) Math.min(w - 1, cu + radius);
            int v0 = (int) Math.max(0, cv - radius), v1 = (int) Math.min(h - 1, cv + radius);
            for (int v = v0; v <= v1; v++) {
                for (int u = u0; u <= u1; u++) {
                    double d2 = ((u - cu) * (u - cu) + (v - cv) * (v - cv)) / (radius * radius);
                    if (d2 < 1) {
                        double m = opacity * (1 - d2) * (1 - d2);   // smooth falloff to the spot's rim
                        int p = v * w + u;
                        dirtMask[p] = (float) Math.min(1, dirtMask[p] + m);
                    }
                }
            }
        }
        dirtKeyW = w;
        dirtKeyH = h;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
