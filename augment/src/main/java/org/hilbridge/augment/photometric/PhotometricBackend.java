package org.hilbridge.augment.photometric;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.hilbridge.augment.AugmentBackend;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.param.ParameterSet;
import org.hilbridge.augment.param.ParameterSpace;

/**
 * Backend 1: physically based appearance changes in linear light, pure Java, deterministic for a seed.
 *
 * <p>The chain follows the light from the scene to the file in five stages. Without a neighbourhood stage
 * (motion blur, defocus) stages 1, 2 and 4 run fused in one pass, row by row through a planar row buffer that
 * stays in cache ({@link SceneRow} then {@link SensorRow}: decode once, every per-pixel effect in float, encode
 * once; the precipitation is drawn first into an {@link Overlay} that stage 1 composites); with motion blur,
 * stage 1 writes its rows into a ring of linear rows (three planes, {@link LinearRing}) that the blur reads, each row
 * just before the first blurred row whose taps reach it (band-ahead, {@link LensBlur#setUpRow}); the blurred rows (or, without motion blur,
 * stage 1's rows) stream through the defocus's row rings and on into stage 4, with no frame in between:
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
 * depth ({@link LensBlur}); defocus ({@link Defocus}).
 * <li>Lens and sensor, per pixel: lens dirt; natural vignetting (cos^4 of the angle off the optical axis,
 * e.g. Ray, "Applied Photographic Optics", 3rd ed., ch. 12); scene light level, exposure and white
 * balance; Poisson-Gaussian sensor noise on the raw signal (Foi, Trimeche, Katkovnik, Egiazarian, "Practical
 * Poissonian-Gaussian noise modeling and fitting for single-image raw-data", IEEE TIP 17(10), 2008: variance
 * a y + b, with a = 1 / full-well electrons and b = (read noise / full well)^2 in full-scale units; its
 * heteroscedastic normal approximation); saturation;
 * sRGB encode.
 * <li>Codec: 8 x 8 DCT quantisation as baseline JPEG does it ({@link BlockDct}).
 * </ol>
 * Scratch buffers (row buffers, the ring of linear rows, the overlay's arrays, the tables) are held by the backend and
 * kept between frames of one size, so the steady state allocates nothing. One frame at a time: an instance is
 * used by one thread at a time and is not to be shared between threads (the real-time stage calls it from its
 * single worker thread only).
 */
public final class PhotometricBackend implements AugmentBackend {
    /**
     * Bumped whenever the output for a given (input, parameters, seed) changes; hashed into provenance. 7: a normal with
     * a NaN or infinite component (or one whose relighting ratio overflows) relights as no normal, and a sky reflection
     * that is not finite is 0 ({@link SceneRow#relightRatio}); the same bytes as 6 for finite, ordinary normals. 8: defocus
     * radii from 3.54 px on (box radius 3 and more), running column box sums ({@link Defocus#SLIDE_FROM_R}): within
     * 2e-5 of the largest tap of the exact boxes (DefocusTest); the same bytes as 7 below 3.54 px. 9: the mean luminance
     * (the light rain drops and lens dirt scatter) from every 8th row's every 7th pixel, not every row's
     * ({@link #meanLuminance}); the same bytes as 8 without rain, snow or lens dirt. 10: the sRGB encode's cells on the
     * linear value's float bits, 1024 an octave, in place of 8192 a unit of its square root ({@link SrgbCurve}): within
     * 0.555 of a level of the exact code (was 0.523); a code differs from 9's only where a value lies near a rounding
     * boundary.
     */
    static final String ALGORITHM_VERSION = "hilbridge-photometric-10";
    private final ParameterSpace space;
    private final long lensSeed;
    private final SrgbCurve srgb = new SrgbCurve();
    private final Precipitation precipitation = new Precipitation();
    private final LensBlur blur;
    private final Defocus defocus;
    private final BlockDct dct;
    private final SceneRow sceneRow;
    private final SensorRow sensorRow;
    private final String modelHash;

    private final Overlay overlay = new Overlay();
    private final FrameConstants frame = new FrameConstants();
    private final PlanarRow row = new PlanarRow();
    /** The scene rows the motion blur reads, in a ring of rows ({@link #blurredRow}). */
    private final LinearRing lin = new LinearRing();
    /** The frame being augmented, for the row streams below (set during augment only). */
    private AugmentInput current;
    private Settings currentSettings;
    private byte[] currentOut;
    /** This frame's band of codes for the vector JPEG pass ({@link BlockDct#codeBlocks}), or null. */
    private BlockOrderCodes codeBlocks;
    /** Rows into the defocus: the scene pass's (no motion blur), or the motion blur's from the ring of linear rows. */
    private final Defocus.RowSource sceneRows;
    private final Defocus.RowSource blurredRows;
    /** Rows out of the defocus, into the sensor pass. */
    private final Defocus.RowSink sensorRows;
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
        this(space, lensSeed, SceneRow.vectorApiUsable());
    }

    /**
     * @param vectorApi run wet ground, fog and relighting ({@link FogVector}, {@link WetVector}, {@link RelightVector}),
     *                  the noise deviates' int-to-float step ({@link SensorVector}),
     *                  the motion blur's path set-up ({@link MotionVector}), the defocus's sweeps ({@link DefocusVector}) and,
     *                  where {@link BlockDct#VECTOR_PASS_IN_THE_CHAIN} and {@link BlockDct#vectorApiUsable}, the JPEG
     *                  pass ({@link BlockDctVector}) with the Vector API (the same output either way).
     */
    PhotometricBackend(ParameterSpace space, long lensSeed, boolean vectorApi) {
        this.sceneRow = new SceneRow(srgb, vectorApi);
        this.sensorRow = new SensorRow(srgb, vectorApi);
        this.sensorRows = (v, row) -> sense(frame, v, row, currentOut);
        this.blur = new LensBlur(vectorApi);
        this.defocus = new Defocus(vectorApi);
        this.blurredRows = this::blurredRow;
        this.dct = new BlockDct(vectorApi && BlockDct.VECTOR_PASS_IN_THE_CHAIN && BlockDct.vectorApiUsable());
        this.sceneRows = (v, row) -> sceneRow.compute(frame, overlay, v, row);
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
        if (outRgb8.length != in.rgb8().length) {
            throw new IllegalArgumentException("output holds " + outRgb8.length + " bytes: the frame needs " + in.rgb8().length);
        }
        if (params != cachedParams) {
            // Settings derived once per parameter set (immutable), not per frame: the steady state allocates nothing.
            if (!params.space().keys().equals(space.keys())) {
                throw new IllegalArgumentException("parameters " + params.space().keys() + " are not this backend's: " + space.keys());
            }
            cachedSettings = Settings.of(params);
            cachedParams = params;
        }
        Settings s = cachedSettings;
        int w = in.width(), h = in.height();
        float meanLuminance = meanLuminance(in);
        overlay.reset();
        precipitation.draw(in, s, seed, meanLuminance, overlay);
        overlay.index(w, h, in.depthM());
        FrameConstants f = frame.set(in, s, seed, meanLuminance);
        if (s.dirt() > 0) {
            prepareDirt(w, h);
        }
        PlanarRow rowBuf = row.ensure(w);
        // With the JPEG pass to come, the codes in its block order where it reads them so (no split, no reordering),
        // band by band: each band through the JPEG pass as soon as the sensor pass has written its last row (sense).
        codeBlocks = s.jpegQuality() < 100 ? dct.codeBlocks(w) : null;
        sensorRow.startFrame(w, codeBlocks);
        boolean motion = s.blurExposureS() > 0 && in.scene().velocityOpticalMps().norm() > 0;
        if (!motion && s.defocusPx() <= 0) {
            // One pass, row by row through a row buffer that stays in cache: scene, then lens and sensor.
            for (int v = 0; v < h; v++) {
                sceneRow.compute(f, overlay, v, rowBuf);
                sense(f, v, rowBuf, outRgb8);
            }
        } else {
            current = in;
            currentSettings = s;
            currentOut = outRgb8;
            if (!motion) {
                // Defocus alone: the scene rows go straight into it, its rows straight into the sensor pass.
                defocus.apply(w, h, s.defocusPx(), sceneRows, sensorRows);
            } else {
                lin.startFrame(w, h);
                if (s.defocusPx() <= 0) {
                    // Motion blur alone: each blurred row goes straight into the sensor pass (no blurred frame).
                    for (int v = 0; v < h; v++) {
                        blurredRow(v, rowBuf);
                        sense(f, v, rowBuf, outRgb8);
                    }
                } else {
                    // Each blurred row goes into the defocus, each defocused row into the sensor pass.
                    defocus.apply(w, h, s.defocusPx(), blurredRows, sensorRows);
                }
            }
            current = null;
            currentOut = null;
        }
        if (s.jpegQuality() < 100 && codeBlocks == null) {
            dct.quantise(w, h, s.jpegQuality(), outRgb8);   // the scalar pass, over the whole frame
        }
        codeBlocks = null;
    }

    /**
     * Row v through the sensor pass into out (or into the JPEG pass's band, {@link #codeBlocks}); where that row ends a
     * band (or the frame), the band through the JPEG pass into out, while its codes (61 kB at 1280 pixels) are still in
     * cache. The rows come in order from every path (the per-pixel loop, the motion blur's, the defocus's sink).
     */
    private void sense(FrameConstants f, int v, PlanarRow rowBuf, byte[] out) {
        sensorRow.compute(f, dirtMask, v, rowBuf, out);
        int h = f.in.height();
        if (codeBlocks != null && BlockOrderCodes.endsBand(v, h)) {
            dct.quantiseBand(f.w, h, cachedSettings.jpegQuality(), BlockOrderCodes.bandStart(v), codeBlocks, out);
        }
    }

    /**
     * Row v of the motion-blurred frame into {@code out}: its paths set up first, then the scene rows its taps reach
     * computed into the ring of linear rows, in order, just before they are read (band-ahead: they are still in cache,
     * where an 11 MB frame written in full before the blur was read back mostly from L3; the ring, unlike a whole
     * linear frame, is not written back to memory), then its taps summed.
     */
    private void blurredRow(int v, PlanarRow out) {
        int reach = blur.setUpRow(current, currentSettings.blurExposureS(), v);
        lin.hold(Math.max(v - reach, 0), Math.min(v + reach, current.height() - 1), sceneRows, row);
        blur.sumRow(current, currentSettings.blurExposureS(), lin.planes(), lin.rowMask(), v, out);
    }

    /**
     * Mean linear luminance of the raw frame from every 7th pixel of every 8th row (the level of the light that rain
     * drops and lens dirt scatter; a sample is as good as all pixels for that: 16,500 pixels at 1280x720, whose mean is
     * within about 0.002 of the frame's for a luminance spread of 0.2, against effects that scale it by 1.2 to 1.5).
     * Every 7th pixel of every row (version 8 and before) read every cache line of the frame's codes, about 0.1 ms a
     * 1280x720 frame more; rows 8 apart read an eighth of them.
     */
    float meanLuminance(AugmentInput in) {
        byte[] rgb = in.rgb8();
        double sum = 0;
        int count = 0;
        int w = in.width();
        for (int v = 0; v < in.height(); v += 8) {
            for (int p = v * w, end = p + w; p < end; p += 7, count++) {
                int o = 3 * p;
                sum += 0.2126f * srgb.linear(rgb[o]) + 0.7152f * srgb.linear(rgb[o + 1]) + 0.0722f * srgb.linear(rgb[o + 2]);
            }
        }
        return (float) (sum / count);
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
