package org.hilbridge.augment.onnx;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.hilbridge.augment.VectorShapes;

/**
 * rgb8's interleaved codes (r, g, b per pixel: NHWC) split into three planes (NCHW) and merged back, with the JDK's
 * Vector API (module jdk.incubator.vector, an incubator in JDK 17): 32 pixels, 96 bytes, at a time as three vectors of
 * 32 bytes; each plane's 32 lanes are one constant rearrange (lane permutation) of each source vector, blended by
 * constant masks (lane j of plane c is byte 3j + c of the 96: vector (3j + c) / 32, lane (3j + c) mod 32), and the
 * merge is the inverse. C2 on JDK 17 turns a byte rearrange into vpermb (AVX-512 VBMI) or vpshufb and a lane swap
 * (AVX2). ONNX Runtime's uint8 Transpose with a dimension of 3 is a scalar loop, 0.6-0.7 ms each way at 1280x720,
 * and a Java loop 1.6-1.9 ms in, 1.4 ms out; this is 0.25-0.3 ms each way (benchmark machine, AMD EPYC with AVX-512
 * VBMI, JDK 17.0.15, thread CPU time; 512-bit vectors measured 0.35-0.39 ms and 128-bit 0.43 ms, so the species is
 * fixed at 256 bits). The pixels past the last whole block are copied one by one. Loaded only where the JVM has the
 * module ({@link PlanarCodes#vectorApiUsable}; the photometric JPEG pass, photometric.BlockDctVector, splits and
 * merges its bands with it too, hence public). Stateless: the shuffles and masks are constants.
 */
public final class PlaneVector {
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_256;

    static {
        VectorShapes.ready();   // the operator caches filled before any vector code runs (see OperatorCaches)
    }
    private static final int LANES = B.length();
    /** [plane c][source vector s]: to split, plane c takes from source vector s the lanes where SPLIT_MASK is set. */
    private static final VectorShuffle<Byte>[][] SPLIT = shuffles(true);
    private static final VectorMask<Byte>[][] SPLIT_MASK = masks(true);
    /** [output vector k][plane c]: to merge, output vector k takes from plane c the lanes where MERGE_MASK is set. */
    private static final VectorShuffle<Byte>[][] MERGE = shuffles(false);
    private static final VectorMask<Byte>[][] MERGE_MASK = masks(false);

    private PlaneVector() {
    }

    /** For the split (lane j of plane c), or the merge (lane j of output vector k): the byte's index in the 3 x LANES bytes of the other side. */
    private static int source(boolean split, int outer, int j) {
        // split: plane `outer`, pixel j is byte 3j + c of the interleaved block.
        // merge: byte LANES k + j of the interleaved block is plane (LANES k + j) mod 3, pixel (LANES k + j) / 3.
        return split ? 3 * j + outer : (LANES * outer + j) % 3 * LANES + (LANES * outer + j) / 3;
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Byte>[][] shuffles(boolean split) {
        VectorShuffle<Byte>[][] s = new VectorShuffle[3][3];
        for (int outer = 0; outer < 3; outer++) {
            for (int from = 0; from < 3; from++) {
                int[] index = new int[LANES];
                for (int j = 0; j < LANES; j++) {
                    index[j] = source(split, outer, j) % LANES;
                }
                s[outer][from] = VectorShuffle.fromArray(B, index, 0);
            }
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static VectorMask<Byte>[][] masks(boolean split) {
        VectorMask<Byte>[][] m = new VectorMask[3][3];
        for (int outer = 0; outer < 3; outer++) {
            for (int from = 0; from < 3; from++) {
                boolean[] bits = new boolean[LANES];
                for (int j = 0; j < LANES; j++) {
                    bits[j] = source(split, outer, j) / LANES == from;
                }
                m[outer][from] = VectorMask.fromArray(B, bits, 0);
            }
        }
        return m;
    }

    /** planes[c n + p] = rgb[3 p + c] for p in [0, n), c in 0..2. */
    public static void split(byte[] rgb, byte[] planes, int n) {
        split(rgb, 0, planes, n);
    }

    /** planes[c n + p] = rgb[from + 3 p + c] for p in [0, n), c in 0..2 (the JPEG pass splits a band of a frame in place). */
    public static void split(byte[] rgb, int from, byte[] planes, int n) {
        VectorShuffle<Byte> r0 = SPLIT[0][0], r1 = SPLIT[0][1], r2 = SPLIT[0][2], g0 = SPLIT[1][0], g1 = SPLIT[1][1], g2 = SPLIT[1][2];
        VectorShuffle<Byte> b0 = SPLIT[2][0], b1 = SPLIT[2][1], b2 = SPLIT[2][2];
        VectorMask<Byte> rm1 = SPLIT_MASK[0][1], rm2 = SPLIT_MASK[0][2], gm1 = SPLIT_MASK[1][1], gm2 = SPLIT_MASK[1][2];
        VectorMask<Byte> bm1 = SPLIT_MASK[2][1], bm2 = SPLIT_MASK[2][2];
        int p = 0;
        for (; p <= n - LANES; p += LANES) {
            int o = from + 3 * p;
            ByteVector v0 = ByteVector.fromArray(B, rgb, o), v1 = ByteVector.fromArray(B, rgb, o + LANES), v2 = ByteVector.fromArray(B, rgb, o + 2 * LANES);
            v0.rearrange(r0).blend(v1.rearrange(r1), rm1).blend(v2.rearrange(r2), rm2).intoArray(planes, p);
            v0.rearrange(g0).blend(v1.rearrange(g1), gm1).blend(v2.rearrange(g2), gm2).intoArray(planes, n + p);
            v0.rearrange(b0).blend(v1.rearrange(b1), bm1).blend(v2.rearrange(b2), bm2).intoArray(planes, 2 * n + p);
        }
        for (; p < n; p++) {
            planes[p] = rgb[from + 3 * p];
            planes[n + p] = rgb[from + 3 * p + 1];
            planes[2 * n + p] = rgb[from + 3 * p + 2];
        }
    }

    /** rgb[3 p + c] = planes[c n + p] for p in [0, n), c in 0..2: the inverse of {@link #split}. */
    public static void merge(byte[] planes, byte[] rgb, int n) {
        merge(planes, rgb, 0, n);
    }

    /** rgb[to + 3 p + c] = planes[c n + p] for p in [0, n), c in 0..2 (the JPEG pass merges a band into its frame in place). */
    public static void merge(byte[] planes, byte[] rgb, int to, int n) {
        VectorShuffle<Byte>[][] s = MERGE;
        VectorMask<Byte>[][] m = MERGE_MASK;
        int p = 0;
        for (; p <= n - LANES; p += LANES) {
            int o = to + 3 * p;
            ByteVector r = ByteVector.fromArray(B, planes, p), g = ByteVector.fromArray(B, planes, n + p), b = ByteVector.fromArray(B, planes, 2 * n + p);
            for (int k = 0; k < 3; k++) {
                r.rearrange(s[k][0]).blend(g.rearrange(s[k][1]), m[k][1]).blend(b.rearrange(s[k][2]), m[k][2]).intoArray(rgb, o + k * LANES);
            }
        }
        for (; p < n; p++) {
            rgb[to + 3 * p] = planes[p];
            rgb[to + 3 * p + 1] = planes[n + p];
            rgb[to + 3 * p + 2] = planes[2 * n + p];
        }
    }

    /** Whether the preferred vectors hold 32 bytes or more (AVX2 or wider): narrower ones would not run SPECIES_256 in registers. */
    public static boolean wideEnough() {
        return ByteVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }
}
