package org.hilbridge.augment.photometric;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The sRGB transfer function (IEC 61966-2-1): decode 8-bit codes to linear light through a 256-entry table;
 * encode linear light to codes through a table over a uniform grid of sqrt(linear), {@value #GRID} cells a unit.
 * Immutable once built.
 *
 * <p>Why this grid: the cell index, sqrt(x) {@value #GRID} rounded by the 1.5 x 2^23 magic sum ({@link Rounding}), is
 * straight-line float arithmetic that C2 vectorises (a float square root, multiply, add; the index then sits in the
 * sum's low mantissa bits), so the scalar loop that stays (a table look-up is never vectorised on JDK 17) only
 * masks the bits and loads. A grid on the float's own bits (exponent and top mantissa bits: no arithmetic at all)
 * needs Float.floatToRawIntBits, a clamp, a subtract and a shift in that scalar loop, and measured 0.3 ms a 1280x720
 * frame slower; a grid uniform in linear light needs 64 K cells for the toe. A vectorised arithmetic encode (a
 * degree-5 polynomial in x^(1/4), two float square roots, within 0.0021 of a level) measured slower still: vector
 * square roots cost more than a look-up on the benchmark machine (AMD EPYC, JDK 17; A/B in one JVM).
 *
 * <p>Encode accuracy: the code's steepest slope in s = sqrt(x) is 2 x 255 x 12.92 s = 369 levels a unit at the toe's
 * end s = 0.0560 (the power segment's, 255 x 1.055 x 5/6 s^(-1/6), is 363 there and falls beyond), so within half a
 * cell the code moves by at most 369 / (2 x {@value #GRID}) = 0.023 of a level, and the table's code, the exact
 * one at the cell's centre rounded, is within 0.523 of a level of the exact formula everywhere (pinned by
 * SrgbCurveTest) and every decoded code encodes back to itself. Linear light at or below 0 gives 0, at or above 1
 * gives 255, NaN gives 0 (its bits hold no cell: the mask gives cell 0).
 */
final class SrgbCurve {
    /** Cells a unit of sqrt(linear). */
    static final int GRID = 8192;
    /** The cell index's bits in the magic sum (GRID fits). */
    private static final int CELL_MASK = 0x3FFF;
    /** Four bytes at any offset of a byte[], little-endian: one load or store moves a pixel's three codes (and one spare byte). */
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** Eight bytes at any offset of a byte[], little-endian: one store moves two pixels' six codes (and two spare bytes). */
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /**
     * Code to linear light, shared by every instance. Static final, as {@link #ENCODE}: its length is then a constant
     * to C2, which can fold the range check of a look-up whose index is masked to 0..255.
     */
    private static final float[] DECODE = decodeTable();
    /**
     * Cell to code, one entry for every value of the cell mask ({@value #CELL_MASK} + 1) so that C2, which knows a
     * static final array's length, drops the range check of each masked look-up (six a pixel pair in {@link
     * #storeCells}); cells past {@value #GRID} (sqrt(linear) over 1, never met: linear is clamped to 1) hold 255.
     */
    private static final byte[] ENCODE = encodeTable();

    private static float[] decodeTable() {
        float[] table = new float[256];
        for (int c = 0; c < 256; c++) {
            table[c] = (float) toLinear(c / 255.0);
        }
        return table;
    }

    private static byte[] encodeTable() {
        byte[] table = new byte[CELL_MASK + 1];
        java.util.Arrays.fill(table, (byte) 255);
        for (int i = 0; i <= GRID; i++) {
            double s = i / (double) GRID;   // the cell's centre
            table[i] = (byte) Math.round(255 * toSrgb(s * s));
        }
        return table;
    }

    static double toLinear(double s) {
        return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }

    static double toSrgb(double l) {
        return l <= 0.0031308 ? 12.92 * l : 1.055 * Math.pow(l, 1 / 2.4) - 0.055;
    }

    float linear(int code) {
        return DECODE[code & 0xFF];
    }

    /** Linear to code from the table cell holding sqrt(linear) (see the class comment for the accuracy). */
    byte code(float linear) {
        return ENCODE[cell(cellPlusMagic(linear))];
    }

    /**
     * sqrt(linear) in cells plus the magic constant: the sum's low mantissa bits hold the nearest cell. Linear clamped
     * to [0, 1], max(x, 0) as (x + |x|) / 2 (exact; a vector abs is one instruction, each Math.min or max several).
     */
    static float cellPlusMagic(float linear) {
        float x = Math.min((linear + Math.abs(linear)) * 0.5f, 1f);
        return (float) Math.sqrt(x) * GRID + Rounding.MAGIC;
    }

    /**
     * {@link #cellPlusMagic} of a value known to be at most 1, for a loop that has clamped it to 1 already: the same code
     * without either clamp. A negative value's square root is NaN, the processor's default NaN (x86's 0xFFC00000,
     * AArch64's 0x7FC00000), which the multiply and the add pass on and whose low mantissa bits are 0: cell 0, code 0,
     * as the clamp to 0 gives (and as a NaN input gives, see the class comment). Three vector operations fewer a value
     * in the sensor pass's loop: 0.38 against 0.44 ms a 1280x720 plane.
     */
    static float cellPlusMagicAtMostOne(float linear) {
        return (float) Math.sqrt(linear) * GRID + Rounding.MAGIC;
    }

    private static int cell(float cellPlusMagic) {
        return Float.floatToRawIntBits(cellPlusMagic) & CELL_MASK;
    }

    /**
     * Decodes w pixels of interleaved rgb8 from offset into the three planes: one 4-byte load a pixel (its three codes
     * and the next pixel's first, unused), the frame's last pixel byte by byte (so nothing past the array is read).
     */
    void decodeRow(byte[] rgb, int offset, int w, float[] r, float[] g, float[] b) {
        decodeSpan(rgb, offset, 0, w, r, g, b);
    }

    /**
     * Decodes pixels [from, to) of the interleaved rgb8 row at offset into r, g, b[from .. to) as {@link #decodeRow}
     * (a span that ends the array: its last pixel byte by byte).
     */
    void decodeSpan(byte[] rgb, int offset, int from, int to, float[] r, float[] g, float[] b) {
        float[] table = DECODE;
        int o = offset + 3 * from;
        // Every pixel with a 4-byte load where a byte follows it in the array (all but the frame's last).
        int end = to > from && offset + 3 * to >= rgb.length ? to - 1 : to;
        for (int u = from; u < end; u++, o += 3) {
            int word = (int) INT_LE.get(rgb, o);
            r[u] = table[word & 0xFF];
            g[u] = table[(word >>> 8) & 0xFF];
            b[u] = table[(word >>> 16) & 0xFF];
        }
        if (end < to) {
            r[to - 1] = table[rgb[o] & 0xFF];
            g[to - 1] = table[rgb[o + 1] & 0xFF];
            b[to - 1] = table[rgb[o + 2] & 0xFF];
        }
    }

    /**
     * {@link #code} of w pixels in three planes into out, interleaved, from outOffset, writing nothing outside the
     * row's 3 w bytes. The planes are overwritten (with the cells plus the magic constant: one vectorised loop a
     * plane), then {@link #storeCells}.
     */
    void encodeRow(float[] r, float[] g, float[] b, int w, byte[] out, int outOffset) {
        cellsInPlace(r, w);
        cellsInPlace(g, w);
        cellsInPlace(b, w);
        storeCells(r, g, b, w, out, outOffset);
    }

    /**
     * The codes of w pixels whose planes hold {@link #cellPlusMagic} values (a pass may compute them in its own
     * vectorised loop, as the sensor pass does) into out, interleaved, from outOffset, writing nothing outside the
     * row's 3 w bytes: the look-ups in one scalar loop with one 8-byte store for two pixels (their six codes; the two
     * spare bytes are overwritten by the next pair's), the row's last one or two pixels byte by byte. Two pixels a store
     * measured 0.78 against 0.93 ms a 1280x720 frame for one 4-byte store a pixel (benchmark machine, one JVM). The
     * store's offset is 3 u plus a constant (linear in the loop's counter, so that C2 can take its range check out of
     * the loop) and the table is {@link #ENCODE} (a constant length: the masked look-ups need no range check);
     * augment/PERFORMANCE.md, "Range checks out of the per-pixel loops".
     */
    void storeCells(float[] r, float[] g, float[] b, int w, byte[] out, int outOffset) {
        byte[] table = ENCODE;
        int u = 0;
        for (; u < w - 2; u += 2) {
            long first = (table[cell(r[u])] & 0xFF) | (table[cell(g[u])] & 0xFF) << 8 | (table[cell(b[u])] & 0xFF) << 16;
            long second = (table[cell(r[u + 1])] & 0xFF) | (table[cell(g[u + 1])] & 0xFF) << 8 | (table[cell(b[u + 1])] & 0xFF) << 16;
            LONG_LE.set(out, outOffset + 3 * u, first | second << 24);
        }
        for (int o = outOffset + 3 * u; u < w; u++, o += 3) {
            out[o] = table[cell(r[u])];
            out[o + 1] = table[cell(g[u])];
            out[o + 2] = table[cell(b[u])];
        }
    }

    /**
     * The codes of one plane's w values holding {@link #cellPlusMagic} values into out[offset .. offset + paddedWidth),
     * a row of {@link BlockOrderCodes} (groups of 8 lanes pixels in block order), the pixels past w as the last one
     * (the JPEG pass's clamped right edge): {@link #storeCells}'s look-ups, eight codes a store (one 8-byte store for
     * the eight blocks' column k of a group, pixels 8 apart), the group across the edge and the padding code by code.
     * The JPEG pass then reads the codes as they are, where it would split the interleaved frame into planes and
     * reorder them.
     */
    static void storeCodesInBlockOrder(float[] x, int w, int paddedWidth, int lanes, byte[] out, int offset) {
        byte[] table = ENCODE;
        int group = 8 * lanes, whole = w / group * group;
        // Written out for each width of group: a long holds column k of eight side-by-side blocks, pixels p, p + 8, ..,
        // p + 56 (a loop over the blocks inside, of two passes for 16 lanes, measured 15-30 % slower; one flat loop over
        // the row's longs 5-10 %).
        if (lanes == 16) {
            for (int g = 0; g < whole; g += group) {
                for (int k = 0; k < 8; k++) {
                    int o = offset + g + 16 * k;
                    LONG_LE.set(out, o, eightCodes(table, x, g + k));
                    LONG_LE.set(out, o + 8, eightCodes(table, x, g + 64 + k));
                }
            }
        } else {
            for (int g = 0; g < whole; g += group) {
                for (int k = 0; k < 8; k++) {
                    LONG_LE.set(out, offset + g + lanes * k, eightCodes(table, x, g + k));
                }
            }
        }
        for (int t = whole; t < paddedWidth; t++) {
            out[offset + t] = table[cell(x[Math.min(BlockOrderCodes.pixelAt(t, lanes), w - 1)])];
        }
    }

    /** The codes of x[p], x[p + 8], .., x[p + 56] ({@link #cellPlusMagic} values), the first in the low byte. */
    private static long eightCodes(byte[] table, float[] x, int p) {
        long low = (table[cell(x[p])] & 0xFF) | (table[cell(x[p + 8])] & 0xFF) << 8 | (table[cell(x[p + 16])] & 0xFF) << 16
                | (long) (table[cell(x[p + 24])] & 0xFF) << 24;
        long high = (table[cell(x[p + 32])] & 0xFF) | (table[cell(x[p + 40])] & 0xFF) << 8 | (table[cell(x[p + 48])] & 0xFF) << 16
                | (long) (table[cell(x[p + 56])] & 0xFF) << 24;
        return low | high << 32;
    }

    private static void cellsInPlace(float[] x, int w) {
        for (int u = 0; u < w; u++) {
            x[u] = cellPlusMagic(x[u]);
        }
    }
}
