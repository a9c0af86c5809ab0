package org.hilbridge.augment.photometric;

import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.VectorApi;

/**
 * Stage 1 of the chain for one row: scene radiance in linear RGB (see {@link PhotometricBackend} for the physics
 * and its sources): sRGB decode, relighting, wet ground, participating media (Koschmieder), then the
 * precipitation overlay. Scalar path: each effect is a loop of its own over the row's planes; the decode, with its table
 * look-up (scalar on JDK 17), runs in a loop of its own so the arithmetic ones (the transmittance included) vectorise.
 * Where the JVM has the Vector API and the frame has fog and no relighting, wet ground and fog run as one kernel
 * after the decode ({@link FogVector}) and the pixels whose transmittance is exactly 0 are neither decoded nor computed
 * ({@link #fogVector}); otherwise the relighting runs as {@link RelightVector} and wet ground as {@link WetVector}.
 * Both paths give the same floats ({@code FogVectorTest}, {@code WetVectorTest}). Holds its row buffers between
 * frames; one thread at a time.
 */
final class SceneRow {
    private final SrgbCurve srgb;
    /** Koschmieder transmittance t = exp(-beta d) of the row's pixels. */
    private float[] t = new float[0];
    private float[] rangeRow = new float[0];
    /** The row's darkening factors by wetness (1 off terrain). */
    private float[] dry = new float[0];
    /** The row's normals split into planes, for {@link RelightVector}. */
    private float[] nx = new float[0], ny = new float[0], nz = new float[0];
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
        if (vector && f.fog && !f.relight) {
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
     * Row v with fog and no relighting, where the JVM has the Vector API: wet ground and fog in one kernel ({@link
     * FogVector}: the planes loaded and stored once), and only the vectors of pixels whose transmittance is not exactly
     * 0 decoded and computed.
     *
     * <p>Where t = 0 (the sky, at infinite range, and anything beyond 20 / beta: {@link NegExp} gives exactly t = 0 from
     * beta d &gt;= 20 on), Koschmieder's L0 t + A (1 - t) is the airlight A whatever L0; in the fog of the benchmark's
     * frames (visibility 400 m) 44 % of the pixels are, mostly sky. A vector of 16 such pixels gets A, the same floats
     * as the full arithmetic (L0 k t = +0 for a finite L0 k &gt;= 0; +0 + A = A). A wet row with asphalt adds the
     * sky's reflection, which comes from the normals (not checked here): it runs the separate steps ({@link WetVector},
     * the reflection, the fog's loops) on the row as decoded, L0 = 0 where fogged (the same product with t = 0 whatever
     * the reflection, so the same floats), and only the fogged pixels' decode is saved. With relighting the row takes
     * the separate steps from a full decode (the relighting with {@link RelightVector}).
     */
    private void fogVector(FrameConstants f, int v, float[] r, float[] g, float[] b) {
        AugmentInput in = f.in;
        int w = f.w, base = v * w;
        byte[] cls = in.semantic();
        if (fogged.length != FogVector.vectorsIn(w)) {
            fogged = new boolean[FogVector.vectorsIn(w)];
        }
        if (FogVector.decodeSeen(srgb, in.rgb8(), cls, in.rangeM(), base, w, f.beta, fogged, r, g, b) && f.wet) {
            // Asphalt: its reflection comes from the normals; every step on the row as decoded (0 where fogged).
            wet(f, v, base, r, g, b);
            fog(f, base, r, g, b);
            return;
        }
        float dry = f.wet ? f.dryFactor : 1f;   // x 1 is exact: the same floats as no darkening
        FogVector.wetFogSeen(cls, dry, in.rangeM(), base, w, f.beta, fogged, f.ar, f.ag, f.ab, r, g, b);
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
     * Ratio of new to rendered shading per pixel (Lambert plus hemisphere sky light); no normal: sky light only. With the
     * Vector API ({@link RelightVector}: the same floats) from the row's normals split into planes, up to its last
     * whole vector; the rest here.
     */
    private void relight(FrameConstants f, int base, float[] r, float[] g, float[] b) {
        float[] nrm = f.in.normals();
        int from = 0;
        if (vector) {
            if (nx.length != f.w) {
                nx = new float[f.w];
                ny = new float[f.w];
                nz = new float[f.w];
            }
            float[] x = nx, y = ny, z = nz;
            for (int u = 0, o = 3 * base; u < f.w; u++, o += 3) {
                x[u] = nrm[o];
                y[u] = nrm[o + 1];
                z[u] = nrm[o + 2];
            }
            from = RelightVector.relight(f, x, y, z, r, g, b);
        }
        for (int u = from, o = 3 * (base + from); u < f.w; u++, o += 3) {
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
            r[u] *= ratio;
            g[u] *= ratio;
            b[u] *= ratio;
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
     * its wet surface scatters rather than mirrors.
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
