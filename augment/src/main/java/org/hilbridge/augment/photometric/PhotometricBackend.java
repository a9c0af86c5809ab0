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
 * <p>The chain follows the light from the scene to the file, in five passes over the frame (the neighbourhood
 * passes run only when their effect is on):
 * <ol>
 * <li>Scene, per pixel: sRGB decode (IEC 61966-2-1); relighting by the ratio of new to rendered shading from the
 * pixel's normal, the sun and world up (Lambert's cosine law plus hemisphere sky light, the renderer's own
 * model; shadows are not known to this ratio, so a rendered shadow is relit as if lit: a limitation); wet ground
 * (terrain classes darkened, after Lekner and Dorf, "Why some things are darker when wet", Appl. Opt. 27(7),
 * 1988, plus the sky's reflection weighted by Schlick's Fresnel approximation, Computer Graphics Forum 13(3),
 * 1994); participating media by Koschmieder's law on ray distance, L = L0 t + A (1 - t), t = exp(-beta d)
 * (Koschmieder 1924; Middleton, "Vision through the atmosphere", 1952), with beta the sum of fog/haze/dust,
 * rain and snow extinction.
 * <li>Precipitation in front of the scene ({@link Precipitation}): rain streaks and snow flakes at seeded depths,
 * hidden behind nearer surfaces.
 * <li>Lens, neighbourhood: motion blur along each pixel's optical flow from the camera's velocity and the pixel's
 * depth ({@link LensBlur}); defocus.
 * <li>Lens and sensor, per pixel: lens dirt; natural vignetting (cos^4); scene light level, exposure and white
 * balance; Poisson-Gaussian sensor noise on the raw signal (Foi, Trimeche, Katkovnik, Egiazarian, "Practical
 * Poissonian-Gaussian noise modeling and fitting for single-image raw-data", IEEE TIP 17(10), 2008: variance
 * a y + b, with a = 1 / full-well electrons and b = (read noise / full well)^2 in full-scale units); saturation;
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

    private float[] lin = new float[0];
    private float[] scratch = new float[0];
    private float[] vignette = new float[0];
    private float[] dirtMask = new float[0];
    private final double[] vignetteKey = new double[6];
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
        int n3 = 3 * in.pixels();
        if (lin.length != n3) {
            lin = new float[n3];
            scratch = new float[n3];
        }
        float meanLuminance = scenePass(in, s);
        precipitation.draw(in, s, seed, meanLuminance, lin);
        float[] result = lin;
        if (s.blurExposureS() > 0 && in.scene().velocityOpticalMps().norm() > 0) {
            blur.motion(in, s.blurExposureS(), result, scratch);
            float[] t = result;
            result = scratch;
            scratch = t;
        }
        if (s.defocusPx() > 0) {
            blur.defocus(in.width(), in.height(), s.defocusPx(), result, scratch);
        }
        sensorPass(in, s, seed, meanLuminance, result, outRgb8);
        lin = result;
        if (s.jpegQuality() < 100) {
            dct.quantise(in.width(), in.height(), s.jpegQuality(), outRgb8);
        }
    }

    /** Pass 1 into {@link #lin}; returns the frame's mean linear luminance (for scattered light). */
    private float scenePass(AugmentInput in, Settings s) {
        byte[] rgb = in.rgb8();
        float[] range = in.rangeM();
        byte[] cls = in.semantic();
        float[] nrm = in.normals();
        SceneContext sc = in.scene();
        boolean relight = s.relights();
        float sx = (float) sc.sunOptical().x(), sy = (float) sc.sunOptical().y(), sz = (float) sc.sunOptical().z();
        float ux = (float) sc.upOptical().x(), uy = (float) sc.upOptical().y(), uz = (float) sc.upOptical().z();
        // The sun after the elevation change: rotated in the vertical plane through its azimuth.
        double elevOld = Math.asin(Math.max(-1, Math.min(1, sx * ux + sy * uy + sz * uz)));
        double elevNew = elevOld + Math.toRadians(s.sunElevationDeltaDeg());
        float hx = sx - (float) Math.sin(elevOld) * ux, hy = sy - (float) Math.sin(elevOld) * uy, hz = sz - (float) Math.sin(elevOld) * uz;
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
        float tx = hx * ce + se * ux, ty = hy * ce + se * uy, tz = hz * ce + se * uz;
        float sunOld = elevOld > 0 ? (float) sc.sunIrradiance() : 0;
        float sunNew = elevNew > 0 ? (float) sc.sunIrradiance() * s.sunScale() : 0;
        float skyE = (float) sc.skyIrradiance();
        float skyScale = s.skyScale();
        float skyL = (float) sc.skyRadiance() * skyScale;

        float wet = s.wetness();
        float dryFactor = 1 - WET_DARKENING * wet;
        float invFx = (float) (1 / in.fxPx()), invFy = (float) (1 / in.fyPx());
        float cx = (float) in.cxPx(), cy = (float) in.cyPx();

        float beta = s.extinctionPerM();
        float a = s.airlight();
        float ar = a * (1 + s.dust() * (DUST_R - 1)), ag = a * (1 + s.dust() * (DUST_G - 1)), ab = a * (1 + s.dust() * (DUST_B - 1));
        int w = in.width();
        int n = in.pixels();
        double lumSum = 0;
        for (int v = 0, p = 0; v < in.height(); v++) {
            float lumRow = 0;
            for (int u = 0; u < w; u++, p++) {
                int o = 3 * p;
                float r = srgb.linear(rgb[o]), g = srgb.linear(rgb[o + 1]), b = srgb.linear(rgb[o + 2]);
                float nx = nrm[o], ny = nrm[o + 1], nz = nrm[o + 2];
                boolean surface = nx != 0 || ny != 0 || nz != 0;
                if (relight) {
                    float ratio;
                    if (surface) {
                        float hemi = 0.5f * (1 + nx * ux + ny * uy + nz * uz);
                        float before = sunOld * Math.max(0, nx * sx + ny * sy + nz * sz) + skyE * hemi;
                        float after = sunNew * Math.max(0, nx * tx + ny * ty + nz * tz) + skyScale * skyE * hemi;
                        ratio = Math.min(8f, after / Math.max(before, 1e-4f));
                    } else {
                        ratio = skyScale;
                    }
                    r *= ratio;
                    g *= ratio;
                    b *= ratio;
                }
                if (wet > 0 && surface) {
                    int c = cls[p];
                    if (c >= 2 && c <= 10) {   // terrain classes (SemanticClass ids 2..10)
                        // Schlick: F = F0 + (1 - F0)(1 - cos)^5, F0 = 0.02 for water; cos between the view ray and the normal.
                        float dx = (u - cx) * invFx, dy = (v - cy) * invFy;
                        float cosV = -(dx * nx + dy * ny + nz) / (float) Math.sqrt(dx * dx + dy * dy + 1);
                        float m = 1 - Math.max(0, Math.min(1, cosV));
                        float m2 = m * m;
                        float fresnel = 0.02f + 0.98f * m2 * m2 * m;
                        float refl = wet * fresnel * skyL * Math.max(0, nx * ux + ny * uy + nz * uz);
                        r = r * dryFactor + refl;
                        g = g * dryFactor + refl;
                        b = b * dryFactor + refl;
                    }
                }
                if (beta > 0) {
                    float t = exp.expNeg(beta * range[p]);
                    float f = 1 - t;
                    r = r * t + ar * f;
                    g = g * t + ag * f;
                    b = b * t + ab * f;
                }
                lin[o] = r;
                lin[o + 1] = g;
                lin[o + 2] = b;
                lumRow += 0.2126f * r + 0.7152f * g + 0.0722f * b;
            }
            lumSum += lumRow;
        }
        return (float) (lumSum / n);
    }

    /** Pass 4: lens dirt, vignetting, light level, exposure, white balance, noise, saturation, encode. */
    private void sensorPass(AugmentInput in, Settings s, long seed, float meanLuminance, float[] src, byte[] out) {
        int n = in.pixels();
        boolean vig = s.vignetting() > 0;
        if (vig) {
            prepareVignette(in);
        }
        boolean dirt = s.dirt() > 0;
        if (dirt) {
            prepareDirt(in.width(), in.height());
        }
        float light = s.lightLevel();
        float gain = s.exposureGain() / light;
        float gr = gain * s.wbRed(), gg = gain, gb = gain * s.wbBlue();
        boolean noisy = s.noisy();
        float fw = s.fullWellE();
        float fullWell = Float.isFinite(fw) ? fw : 0;
        float a = fullWell > 0 ? 1 / fullWell : 0;
        float readFs = fullWell > 0 ? s.readNoiseE() / fullWell : 0;
        float b = readFs * readFs;
        float vk = s.vignetting();
        float dk = s.dirt();
        float glow = 0.5f * meanLuminance;   // light scattered by the dirt: a share of the scene's mean (our estimate)
        int state = (int) (seed ^ (seed >>> 32)) | 1;
        for (int p = 0; p < n; p++) {
            int o = 3 * p;
            float r = src[o], g = src[o + 1], bl = src[o + 2];
            if (dirt) {
                float m = dk * dirtMask[p];
                float keep = 1 - 0.7f * m;
                float add = m * glow;
                r = r * keep + add;
                g = g * keep + add;
                bl = bl * keep + add;
            }
            float f = light;
            if (vig) {
                f *= 1 - vk * (1 - vignette[p]);
            }
            r *= f;
            g *= f;
            bl *= f;
            if (noisy) {
                state = GaussianTable.next(state);
                r += (float) Math.sqrt(a * Math.max(0, r) + b) * gauss.at(state ^ (state >>> 16));
                state = GaussianTable.next(state);
                g += (float) Math.sqrt(a * Math.max(0, g) + b) * gauss.at(state ^ (state >>> 16));
                state = GaussianTable.next(state);
                bl += (float) Math.sqrt(a * Math.max(0, bl) + b) * gauss.at(state ^ (state >>> 16));
                r = Math.min(r, 1);
                g = Math.min(g, 1);
                bl = Math.min(bl, 1);
            }
            out[o] = srgb.code(r * gr);
            out[o + 1] = srgb.code(g * gg);
            out[o + 2] = srgb.code(bl * gb);
        }
    }

    /** Natural vignetting: irradiance falls as cos^4 of the angle off the optical axis (e.g. Ray, "Applied Photographic Optics", 3rd ed., ch. 12). */
    private void prepareVignette(AugmentInput in) {
        double[] key = {in.width(), in.height(), in.fxPx(), in.fyPx(), in.cxPx(), in.cyPx()};
        if (vignette.length == in.pixels() && java.util.Arrays.equals(key, vignetteKey)) {
            return;
        }
        vignette = new float[in.pixels()];
        for (int v = 0, p = 0; v < in.height(); v++) {
            double y = (v - in.cyPx()) / in.fyPx();
            for (int u = 0; u < in.width(); u++, p++) {
                double x = (u - in.cxPx()) / in.fxPx();
                double cos2 = 1 / (1 + x * x + y * y);
                vignette[p] = (float) (cos2 * cos2);
            }
        }
        System.arraycopy(key, 0, vignetteKey, 0, 6);
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
