package org.hilbridge.augment.photometric;

import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.VectorApi;

/**
 * Stage 1 of the chain for one row: scene radiance in linear RGB (see {@link PhotometricBackend} for the physics
 * and its sources): sRGB decode, relighting, wet ground, participating media (Koschmieder), then the
 * precipitation overlay. Scalar path: each effect is a loop of its own over the row's planes; the decode, with its table
 * look-up (scalar on JDK 17), runs in a loop of its own so the arithmetic ones (the transmittance included) vectorise.
 * Where the JVM has the Vector API and the frame has fog, relighting, wet ground and fog run as one kernel after the
 * decode and the relighting ratios ({@link FogVector}, {@link RelightVector}), and the pixels whose transmittance is exactly 0 are
 * neither decoded, relit nor computed ({@link #fogVector}); without fog the relighting runs as {@link RelightVector} and
 * wet ground as {@link WetVector}. Both paths give the same floats ({@code FogVectorTest}, {@code WetVectorTest}):
 * the relighting ratio is finite whatever the normal ({@link #relightRatio}), so a fogged-out pixel is exactly the
 * airlight either way. Holds its row buffers between frames; one thread at a time.
 */
final class SceneRow {
    private final SrgbCurve srgb;
    /** Koschmieder transmittance t = exp(-beta d) of the row's pixels. */
    private float[] t = new float[0];
    private float[] rangeRow = new float[0];
    /** The row's darkening factors by wetness (1 off terrain). */
    private float[] dry = new float[0];
    /** The row's normals split into planes, for {@link RelightVector#ratios}. */
    private float[] nx = new float[0], ny = new float[0], nz = new float[0];
    /** The row's relighting ratios ({@link RelightVector#ratios}), on the whole vectors not fogged. */
    private float[] ratio = new float[0];
    /** A row of ones: the ratios of a row not relit (x 1 is exact). */
    private float[] ones = new float[0];
    /** Per vector of the row: whether its every pixel's transmittance is exactly 0 ({@link FogVector#decodeSeen}). */
    private boolean[] fogged = new boolean[0];

    /**
     * Wet ground, fog and relighting with the Vector API ({@link FogVector}, {@link WetVector}, {@link RelightVector})
     * or as separate scalar loops: the same floats either way.
     */
    private final boolean vector;

    /** @param vector run {@link FogVector}, {@link WetVector} and {@link RelightVector} (only where {@link #vectorApiUsable}) */
    SceneRow(SrgbCurve srgb, boolean vector) {
        this.srgb = srgb;
        this.vector = vector;
    }

    /**
     * Whether this JVM can run {@link FogVector}, {@link WetVector}, {@link RelightVector} and {@link MotionVector}:
     * started with {@code --add-modules jdk.incubator.vector} (the module is in the boot layer; without it their
     * classes must not be initialised) and vectors of 8 floats or more (all use {@link org.hilbridge.augment.VectorShapes}' float shape).
     */
    static boolean vectorApiUsable() {
        // VectorShapes loads the module's classes: asked only where the module is present. Narrower than 8 floats
        // (before AVX2) the vectors would not beat the scalar paths.
        return VectorApi.present() && org.hilbridge.augment.VectorShapes.wideEnough();
    }

    /** Scene radiance of row v into {@code row} (already sized to the frame's width). */
    void compute(FrameConstants f, Overlay overlay, int v, PlanarRow row) {
        AugmentInput in = f.in;
        int w = f.w, base = v * w;
        float[] r = row.r, g = row.g, b = row.b;
        if (vector && f.fog) {
            fogVector(f, v, r, g, b);
        } else {
            srgb.decodeRow(in.rgb8(), 3 * base, w, r, g, b);
            if (f.relight) {
                relight(f, base, r, g, b);
            }
            if (f.wet) {
                wet(f, v, base, r, g, b);
            }
            if (f.fog) {
                fog(f, base, r, g, b);
            }
        }
        // Rain streaks and snow flakes: only the covered pixels of this row, layer by layer, L (1 - alpha) + alpha R.
        for (int k = overlay.rowStart(v), end = overlay.rowStart(v + 1); k < end; k++) {
            int u = overlay.pixel(k) - base;
            float a = overlay.alpha(k);
            float keep = 1 - a, add = a * overlay.radiance(k);
            r[u] = r[u] * keep + add;
            g[u] = g[u] * keep + add;
            b[u] = b[u] * keep + add;
        }
    }

    /**
     * Row v with fog, where the JVM has the Vector API: only the vectors of pixels whose transmittance is not exactly 0
     * decoded ({@link FogVector#decodeSeen}), their normals split into planes and their relighting ratios stored in a
     * row ({@link RelightVector#ratios}), then relighting, wet ground and fog in one kernel ({@link
     * FogVector#wetFogSeen}: the planes loaded and stored once, the ratio multiplied in first, as the separate steps
     * do; ratios of 1 on a row not relit; the fogged vectors get the airlight).
     *
     * <p>Where t = 0 (the sky, at infinite range, and anything beyond 20 / beta: {@link NegExp} gives exactly t = 0 from
     * beta d &gt;= 20 on), Koschmieder's L0 t + A (1 - t) is the airlight A whatever L0; in the fog of the benchmark's
     * frames (visibility 400 m) 44 % of the pixels are, mostly sky. A vector of 16 such pixels gets A, the same floats
     * as the full arithmetic (L0 ratio k t = +0 or -0 for a finite L0 ratio k: the decode, the relighting ratio ({@link
     * #relightRatio}: finite by contract, whatever the normal) and the darkening are finite; +-0 + A = A). A wet row with
     * asphalt adds the sky's reflection, which comes from the normals (not checked here): it runs the separate steps
     * ({@link WetVector}, the reflection, the fog's loops) on the row as decoded and relit, L0 = 0 where fogged (the same
     * product with t = 0 whatever the reflection, finite by contract too, so the same floats). The relighting's ratio
     * computed in the kernel (in registers) made the kernel too large for C2 on JDK 17 to inline its Vector API
     * calls: the transmittance's last multiply ran as Java code (1.4 ms a 1280x720 frame more); as a pass of its own over
     * the row's planes (in L1) it costs little more than fused would.
     */
    private void fogVector(FrameConstants f, int v, float[] r, float[] g, float[] b) {
        AugmentInput in = f.in;
        int w = f.w, base = v * w;
        byte[] cls = in.semantic();
        if (fogged.length != FogVector.vectorsIn(w)) {
            fogged = new boolean[FogVector.vectorsIn(w)];
        }
        boolean asphalt = FogVector.decodeSeen(srgb, in.rgb8(), cls, in.rangeM(), base, w, f.beta, fogged, r, g, b);
        int relitTo = 0;
        if (f.relight) {
            relitTo = ratios(f, base, fogged);
            relightTail(f, base, relitTo, r, g, b);
        }
        if (asphalt && f.wet) {
            // Asphalt: its reflection comes from the normals; every step on the row as decoded (0 where fogged).
            RelightVector.scale(fogged, ratio, relitTo, r, g, b);
            wet(f, v, base, r, g, b);
            fog(f, base, r, g, b);
            return;
        }
        float dry = f.wet ? f.dryFactor : 1f;   // x 1 is exact: the same floats as no darkening
        FogVector.wetFogSeen(cls, dry, in.rangeM(), base, w, f.beta, fogged, f.relight ? ratio : ones(w), f.ar, f.ag, f.ab, r, g, b);
    }

    /** {@link #ones} for a row of w pixels. */
    private float[] ones(int w) {
        if (ones.length != w) {
            ones = new float[w];
            java.util.Arrays.fill(ones, 1f);
        }
        return ones;
    }

    /** Koschmieder: L = L0 t + A (1 - t), t = exp(-beta d) ({@link NegExp}), per plane. */
    private void fog(FrameConstants f, int base, float[] r, float[] g, float[] b) {
        int w = f.w;
        if (t.length != w) {
            t = new float[w];
            rangeRow = new float[w];
        }
        float[] tt = t;
        NegExp.expNegRow(f.beta, f.in.rangeM(), base, w, rangeRow, tt);
        float ar = f.ar, ag = f.ag, ab = f.ab;
        for (int u = 0; u < w; u++) {
            float tu = tt[u];
            float q = 1 - tu;
            r[u] = r[u] * tu + ar * q;
            g[u] = g[u] * tu + ag * q;
            b[u] = b[u] * tu + ab * q;
        }
    }

    /**
     * Relighting of a row without fog's kernel, per pixel: times {@link #relightRatio}. With the Vector API the ratios
     * of the whole vectors ({@link #ratios}) multiplied in by {@link RelightVector#scale} (the same floats); the scalar
     * loop takes the rest of the row.
     */
    private void relight(FrameConstants f, int base, float[] r, float[] g, float[] b) {
        int from = 0;
        if (vector) {
            from = ratios(f, base, null);
            RelightVector.scale(null, ratio, from, r, g, b);
        }
        relightTail(f, base, from, r, g, b);
    }

    /**
     * The relighting ratios of row base's whole vectors not fogged (every whole vector where fogged is null) into
     * {@link #ratio} ({@link RelightVector#ratios}), from the normals split into planes a run of such vectors at a time;
     * returns the first pixel left to the scalar loop.
     *
     * <p>The normals are split before the ratios read them (a vector load right after the scalar stores of its
     * lanes waits for them: a load is not forwarded from 16 pending stores), a run of vectors not fogged in one loop (a
     * loop a vector: 0.2 ms a 1280x720 frame more). The split is the relit row's main cost (about 0.6 ms a frame in the
     * benchmark's fog: three stores a pixel); split with vectors (three loads, a rearrange of each and two blends a
     * plane, as onnx.PlaneVector) it cost the same in the chain, and more from memory; eight pixels a plane at a time
     * (stores to one cache line in turn), or two pixels a long store into byte rows, no faster in the chain either; the
     * ratio computed by the scalar function in the split's loop 1.45 ms slower; the renderer writing planes cost it
     * more than it saved here (augment/PERFORMANCE.md).
     */
    private int ratios(FrameConstants f, int base, boolean[] fogged) {
        sizeRowBuffers(f.w);
        float[] nrm = f.in.normals();
        int n = FogVector.lanes(), vectors = f.w / n;
        for (int i = 0; i < vectors; ) {   // runs of vectors not fogged, each split in one loop
            while (i < vectors && fogged != null && fogged[i]) {
                i++;
            }
            int start = i;
            while (i < vectors && (fogged == null || !fogged[i])) {
                i++;
            }
            splitNormals(nrm, base, start * n, i * n);
        }
        return RelightVector.ratios(f, fogged, nx, ny, nz, ratio);
    }

    /** r, g, b[u] times {@link #relightRatio} of the pixel's normal, for u in [from, w): the scalar loop. */
    private static void relightTail(FrameConstants f, int base, int from, float[] r, float[] g, float[] b) {
        float[] nrm = f.in.normals();
        for (int u = from, o = 3 * (base + from); u < f.w; u++, o += 3) {
            float ratio = relightRatio(f, nrm[o], nrm[o + 1], nrm[o + 2]);
            r[u] *= ratio;
            g[u] *= ratio;
            b[u] *= ratio;
        }
    }

    /**
     * Ratio of new to rendered shading of a pixel whose normal is (nx, ny, nz) (Lambert plus hemisphere sky light, the
     * renderer's own model: see {@link PhotometricBackend}), at most 8. No normal: the sky light's scale alone
     * ({@code skyScale}). The contract for odd normals: a normal whose components are all zero (either sign), or not
     * all finite (a NaN or infinite component, or components so large that |nx| + |ny| + |nz| overflows), counts as no
     * normal, and so does one whose ratio comes out not finite (NaN or -infinity from overflowing dot products). So the
     * ratio is always finite, a relit radiance stays finite, and where the fog's transmittance is exactly 0 the pixel
     * is exactly the airlight whether the relighting ran or not ({@link FogVector} skips such pixels). {@link
     * RelightVector#ratios} computes it lane by lane with the same operations.
     */
    static float relightRatio(FrameConstants f, float nx, float ny, float nz) {
        float l1 = Math.abs(nx) + Math.abs(ny) + Math.abs(nz);
        if (!(l1 > 0 && l1 <= Float.MAX_VALUE)) {   // the sky (no normal), or NaN or infinite components
            return f.skyScale;
        }
        float hemi = 0.5f * (1 + nx * f.ux + ny * f.uy + nz * f.uz);
        float before = f.sunOld * Math.max(0, nx * f.sx + ny * f.sy + nz * f.sz) + f.skyE * hemi;
        float after = f.sunNew * Math.max(0, nx * f.tx + ny * f.ty + nz * f.tz) + f.skyScale * f.skyE * hemi;
        float ratio = Math.min(8f, after / Math.max(before, 1e-4f));
        return ratio >= -Float.MAX_VALUE ? ratio : f.skyScale;
    }

    /** The normal planes {@link #nx}, {@link #ny}, {@link #nz} and the {@link #ratio} row for a row of w pixels. */
    private void sizeRowBuffers(int w) {
        if (nx.length != w) {
            nx = new float[w];
            ny = new float[w];
            nz = new float[w];
            ratio = new float[w];
        }
    }

    /**
     * Pixels [from, to) of row base's interleaved normals into the planes {@link #nx}, {@link #ny}, {@link #nz} at [from,
     * to): a scalar loop (split with vectors, the normals stayed objects in C2's code on JDK 17: {@link RelightVector}).
     * The source index is written as 3 u plus a constant, linear in the loop's counter, not as a second counter stepped
     * by 3, so that C2's range check elimination (which handles indices linear in the loop variable) can take the three
     * reads' checks out of the loop: with {@link SrgbCurve#storeCells} written the same way, about 0.15-0.2 ms a relit
     * 1280x720 frame (augment/PERFORMANCE.md, "Range checks out of the per-pixel loops").
     */
    private void splitNormals(float[] nrm, int base, int from, int to) {
        float[] x = nx, y = ny, z = nz;
        int o = 3 * base;
        for (int u = from; u < to; u++) {
            x[u] = nrm[o + 3 * u];
            y[u] = nrm[o + 3 * u + 1];
            z[u] = nrm[o + 3 * u + 2];
        }
    }

    /**
     * Wet terrain: darkened (Lekner and Dorf), asphalt also mirroring the sky (Schlick's Fresnel). The darkening
     * factor comes from a per-class table ({@link FrameConstants#dryByClass}: no branch on the class, whose
     * boundaries a branch mispredicts), applied in a loop that vectorises, or, where the JVM has the Vector API, from
     * {@link WetVector} (the same floats, without the table's scalar loop); only rows holding asphalt run the
     * reflection, pixel by pixel.
     */
    private void wet(FrameConstants f, int v, int base, float[] r, float[] g, float[] b) {
        byte[] cls = f.in.semantic();
        int w = f.w;
        if (vector) {
            if (WetVector.darken(cls, base, f.dryFactor, r, g, b, w)) {
                reflectSky(f, v, base, r, g, b);
            }
            return;
        }
        if (dry.length != w) {
            dry = new float[w];
        }
        float[] k = dry, byClass = f.dryByClass;
        int asphalt = 0;
        for (int u = 0, p = base; u < w; u++, p++) {
            int c = cls[p] & 0xFF;
            k[u] = byClass[c];
            asphalt |= ASPHALT_MASK >>> c;   // bit 0 set for ids 2 and 3; ids 34, 35, ... (shifts wrap mod 32) only cost the exact check
        }
        for (int u = 0; u < w; u++) {
            float ku = k[u];
            r[u] *= ku;
            g[u] *= ku;
            b[u] *= ku;
        }
        if ((asphalt & 1) != 0) {
            reflectSky(f, v, base, r, g, b);
        }
    }

    /** Bits 2 and 3: the asphalt classes' ids (SemanticClass DRY_ASPHALT, WET_ASPHALT). */
    private static final int ASPHALT_MASK = (1 << 2) | (1 << 3);

    /**
     * The sky's reflection in the water film on asphalt (ids 2, 3): Schlick's F = F0 + (1 - F0)(1 - cos)^5, F0 = 0.02
     * for water, cos between the view ray and the normal. Rough ground (grass, soil, gravel, sand, snow) only darkens:
     * its wet surface scatters rather than mirrors. A reflection that is not finite (from a normal with a NaN or
     * infinite component) is +0, as for no normal, so the radiance stays finite (see {@link #relightRatio}).
     */
    private static void reflectSky(FrameConstants f, int v, int base, float[] r, float[] g, float[] b) {
        byte[] cls = f.in.semantic();
        float[] nrm = f.in.normals();
        float dy = (v - f.cy) * f.invFy, dy2 = dy * dy + 1;
        for (int u = 0, p = base; u < f.w; u++, p++) {
            int c = cls[p];
            if (c == 2 || c == 3) {
                int o = 3 * p;
                float nx = nrm[o], ny = nrm[o + 1], nz = nrm[o + 2];
                float dx = (u - f.cx) * f.invFx;
                float cosV = -(dx * nx + dy * ny + nz) * inverseSqrt(dx * dx + dy2);
                float m = 1 - Math.max(0, Math.min(1, cosV));
                float m2 = m * m;
                float fresnel = 0.02f + 0.98f * m2 * m2 * m;
                float refl = f.wetness * fresnel * f.skyL * Math.max(0, nx * f.ux + ny * f.uy + nz * f.uz);
                // Not finite (a NaN or infinite normal component): none, as for no normal (whose reflection is +0).
                refl = refl <= Float.MAX_VALUE ? refl : 0f;
                r[u] += refl;
                g[u] += refl;
                b[u] += refl;
            }
        }
    }

    /** 1 / sqrt(x) for x &gt;= 1 by the bit-level first guess and two Newton steps (relative error below 1e-6; Lomont 2003). */
    static float inverseSqrt(float x) {
        float y = Float.intBitsToFloat(0x5F375A86 - (Float.floatToRawIntBits(x) >> 1));
        y = y * (1.5f - 0.5f * x * y * y);
        return y * (1.5f - 0.5f * x * y * y);
    }
}
