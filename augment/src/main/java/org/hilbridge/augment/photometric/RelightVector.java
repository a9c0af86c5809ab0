package org.hilbridge.augment.photometric;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.hilbridge.augment.VectorShapes;

/**
 * The scene pass's relighting ratio of one row ({@link SceneRow#relightRatio}: new to rendered shading from the
 * pixel's normal, Lambert plus hemisphere sky light) with the Vector API, from the row's normals split into x, y and z
 * planes by a scalar loop, with the same float operations in the same order as the scalar function (Math.abs lane by
 * lane, Math.max and Math.min as comparisons and blends with their rules for NaN and -0; the division correctly rounded
 * in both), so the same floats ({@code FogVectorTest}); with fog, only on the vectors not fogged out ({@link SceneRow}).
 * The ratios go to a row of their own ({@link #ratios}: one store a pixel), which the wet+fog kernel ({@link
 * FogVector#wetFogSeen}) multiplies in first, where the relighting had loaded and stored the three planes (relight8:
 * about 0.1 ms a relit 1280x720 frame, augment/PERFORMANCE.md); rows without that kernel take {@link #scale}.
 * C2 on JDK 17 leaves the scalar loop scalar (its branch; branch-free over planar normals it still did). The normals
 * split in vectors instead: stride-3 gathers, and at first the rearranging of three vectors, left the vectors as objects
 * in C2's code on JDK 17 (11 MB allocated a 1280x720 frame); the rearranging measured again since {@code
 * augment.SharedProfiles} was no faster than the scalar split (augment/PERFORMANCE.md). Loaded
 * only where the JVM runs with {@code --add-modules jdk.incubator.vector} ({@link SceneRow#vectorApiUsable}). Stateless.
 */
final class RelightVector {
    private static final VectorSpecies<Float> F = VectorShapes.FLOAT;

    private RelightVector() {
    }

    /**
     * The relighting ratio of the pixel whose normal is (nx, ny, nz)[u] ({@link SceneRow#relightRatio} with the frame's
     * constants: the same operations in the same order, so the same floats) into ratios[u], for each whole vector of
     * [0, w) whose entry in {@code skip} (one a vector, from index 0) is false, or every whole vector where skip is
     * null; returns the first u left to the scalar loop. One store a pixel: the wet+fog kernel ({@link
     * FogVector#wetFogSeen}) or {@link #scale} multiplies the ratio in. The ratio is computed here in the loop, not in
     * a method of its own: one more level of calls and C2 on JDK 17 stopped inlining the Vector API's calls part way
     * through (multiplies and blends ran as their Java fallbacks: a quarter of the relit chain's time).
     */
    static int ratios(FrameConstants f, boolean[] skip, float[] nxs, float[] nys, float[] nzs, float[] ratios) {
        int n = F.length(), u = 0, w = f.w;
        float skyE = f.skyE, scaledSky = f.skyScale * f.skyE;
        for (int i = 0; u <= w - n; u += n, i++) {
            if (skip != null && skip[i]) {
                continue;
            }
            FloatVector nx = FloatVector.fromArray(F, nxs, u), ny = FloatVector.fromArray(F, nys, u), nz = FloatVector.fromArray(F, nzs, u);
            // 0.5 (1 + nx ux + ny uy + nz uz), added left to right as the scalar expression is.
            FloatVector hemi = nx.mul(f.ux).add(1f).add(ny.mul(f.uy)).add(nz.mul(f.uz)).mul(0.5f);
            FloatVector before = positive(nx.mul(f.sx).add(ny.mul(f.sy)).add(nz.mul(f.sz))).mul(f.sunOld).add(hemi.mul(skyE));
            FloatVector after = positive(nx.mul(f.tx).add(ny.mul(f.ty)).add(nz.mul(f.tz))).mul(f.sunNew).add(hemi.mul(scaledSky));
            // Math.max(before, 1e-4f), then Math.min(8f, after / that).
            FloatVector floor = before.blend(1e-4f, before.compare(VectorOperators.LT, 1e-4f));
            FloatVector ratio = after.div(floor);
            ratio = ratio.blend(8f, ratio.compare(VectorOperators.GT, 8f));
            // A normal (|nx| + |ny| + |nz| in (0, MAX_VALUE]: NaN and infinity fail both tests) with a finite ratio (not
            // NaN, not -infinity; it is at most 8); anything else gets the sky-only ratio.
            FloatVector l1 = nx.abs().add(ny.abs()).add(nz.abs());
            VectorMask<Float> hit = l1.compare(VectorOperators.GT, 0f).and(l1.compare(VectorOperators.LE, Float.MAX_VALUE))
                    .and(ratio.compare(VectorOperators.GE, -Float.MAX_VALUE));
            FloatVector.broadcast(F, f.skyScale).blend(ratio, hit).intoArray(ratios, u);
        }
        return u;
    }

    /**
     * r, g, b[u] times ratios[u] for u in [0, to) (whole vectors: to from {@link #ratios}), on each vector whose entry
     * in {@code skip} is false (every one where skip is null): the relighting where no kernel multiplies it in.
     */
    static void scale(boolean[] skip, float[] ratios, int to, float[] r, float[] g, float[] b) {
        int n = F.length();
        for (int i = 0, u = 0; u < to; u += n, i++) {
            if (skip != null && skip[i]) {
                continue;
            }
            FloatVector ratio = FloatVector.fromArray(F, ratios, u);
            FloatVector.fromArray(F, r, u).mul(ratio).intoArray(r, u);
            FloatVector.fromArray(F, g, u).mul(ratio).intoArray(g, u);
            FloatVector.fromArray(F, b, u).mul(ratio).intoArray(b, u);
        }
    }

    /** Math.max(0, x) lane by lane: x &lt;= 0 (-0 included) gives +0, NaN stays NaN. */
    private static FloatVector positive(FloatVector x) {
        return x.blend(0f, x.compare(VectorOperators.LE, 0f));
    }
}
