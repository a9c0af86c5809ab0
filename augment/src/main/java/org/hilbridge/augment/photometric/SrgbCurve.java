package org.hilbridge.augment.photometric;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The sRGB transfer function (IEC 61966-2-1): decode 8-bit codes to linear light through a 256-entry table;
 * encode linear light to codes through a table over a grid on the float's own bits: its exponent and top
 * {@value #MANTISSA_BITS} mantissa bits, {@value #CELLS_AN_OCTAVE} cells an octave over the {@value #OCTAVES} octaves
 * 2^-{@value #OCTAVES} .. 1. Immutable once built.
 *
 * <p>Why this grid (hilbridge-photometric-10): a float's bits shifted right by 23 - {@value #MANTISSA_BITS} are its
 * cell, after two int clamps ({@link #cell}), with no arithmetic on the float; with the Vector API
 * ({@link SensorVector#cellsInPlace}: three int operations a vector) the sensor pass's noise loop drops a float square
 * root a value, the grid of sqrt(linear) that it replaced ({@code 8192} cells a unit, the cell sqrt(x) 8192 rounded
 * by the 1.5 x 2^23 magic sum: straight-line float arithmetic that C2 vectorises). Without the Vector API (C2 on
 * JDK 17 and 25 leaves Float.floatToRawIntBits scalar) the cells are a scalar loop of their own ({@link
 * #cellsInPlace}): the plain path's sensor pass (JVMs without the module, such as the hil tests' child JVMs) is about
 * 1 ms a 1280x720 frame slower than with the grid of sqrt(linear) (a scratch loop of the pass's noise, cell and
 * look-up, JDK 17 and 25); with the bits extracted in the look-up loop itself this grid had measured 0.3 ms slower.
 * A grid uniform in linear light needs 64 K cells for the toe. A vectorised arithmetic encode (a degree-5 polynomial in
 * x^(1/4), two float square roots, within 0.0021 of a level) measured slower still: vector square roots cost more
 * than a look-up on the benchmark machine (AMD EPYC, JDK 17; A/B in one JVM).
 *
 * <p>The grid from the accuracy wanted. Below 2^-{@value #OCTAVES} every value encodes as 0 (its exact code is under
 * 255 x 12.92 x 2^-14 = 0.20 of a level; code 0.5 is at 1.5e-4 = 2^-12.7, so 13 octaves would do and 14 keeps a
 * margin at no cost: the cells fit the mask either way). Within a cell [x, x (1 + 2^-m)) (m = {@value #MANTISSA_BITS})
 * the code moves by at most its slope in ln x times ln(1 + 2^-m): in the power segment 255 x 1.055 / 2.4 x x^(1/2.4)
 * &lt;= 112.1 levels at x = 1, in the toe 255 x 12.92 x &lt;= 10.3 at its end x = 0.0031308; so over half a cell at
 * most 112.1 x 2^-(m + 1) = 0.055 of a level for m = 10, and the table's code, the exact one at the cell's centre
 * rounded, is within 0.555 of a level of the exact formula everywhere (SrgbCurveTest pins it at every cell's ends), and
 * every decoded code encodes back to itself (the exact code at its value's cell's centre is within 0.055 of it).
 * m = 11 (0.527) would need 28 K cells, a 32 kB table (the L1 data cache's size); the grid of sqrt(linear) it replaced
 * was within 0.523.
 *
 * <p>Cells in the table: the cell mask keeps the shifted bits' low 14 bits, that is the exponent field mod 16 and the
 * top mantissa bits, so octaves 2^-14 .. 2^-1 (exponent fields 113 .. 126) are cells 1024 .. 15359 in order and 1 is
 * cell 15360: no bias to subtract. Linear light below 2^-14, at or below 0, -0 and every negative value (a negative int's
 * bits) is clamped to 2^-14's cell (code 0); above 1 to {@link #NAN_CELL_BITS}'s cell, code 0, for NaN (any sign: a
 * negative NaN's bits are a negative int, clamped up), which the clamp to 1 ahead ({@link #cell}: Math.min keeps NaN)
 * leaves the only value above 1: linear light at or above 1 gives 255 (+infinity included), NaN 0, as before.
 */
final class SrgbCurve {
    /** Mantissa bits in a cell's index: {@value #CELLS_AN_OCTAVE} cells an octave (see the class comment). */
    static final int MANTISSA_BITS = 10;
    static final int CELLS_AN_OCTAVE = 1 << MANTISSA_BITS;
    /** Octaves on the grid, 2^-OCTAVES .. 1; below, code 0. */
    static final int OCTAVES = 14;
    /** A float's bits shifted right by this give its cell (exponent and top mantissa bits). */
    static final int CELL_SHIFT = 23 - MANTISSA_BITS;
    /** The lowest cell's float bits, 2^-{@value #OCTAVES}: every smaller, negative or -0 value is clamped to them. */
    static final int LOWEST_BITS = (127 - OCTAVES) << 23;
    /** The cell above 1's, where NaN is clamped (code 0): 1's bits plus one cell. */
    static final int NAN_CELL_BITS = Float.floatToRawIntBits(1f) + (1 << CELL_SHIFT);
    /** The cell index's bits in a shifted float (16 octaves: {@value #OCTAVES} and 1's and NaN's cells fit). */
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
     * #storeCells}); NaN's cell and those no clamped cell reaches (below 2^-{@value #OCTAVES}'s, above NaN's) hold 0.
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
        byte[] table = new byte[CELL_MASK + 1];   // 0: the cells below the grid's, and NaN's
        for (int bits = LOWEST_BITS; bits < Float.floatToRawIntBits(1f); bits += 1 << CELL_SHIFT) {
            double centre = (Float.intBitsToFloat(bits) + (double) Float.intBitsToFloat(bits + (1 << CELL_SHIFT))) / 2;
            table[(bits >> CELL_SHIFT) & CELL_MASK] = (byte) Math.round(255 * toSrgb(centre));
        }
        table[(Float.floatToRawIntBits(1f) >> CELL_SHIFT) & CELL_MASK] = (byte) 255;
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

    /** Linear to code from the table cell holding it (see the class comment for the accuracy). */
    byte code(float linear) {
        return ENCODE[cell(linear) & CELL_MASK];
    }

    /**
     * Linear light's cell: its bits clamped to [2^-{@value #OCTAVES}'s, {@link #NAN_CELL_BITS}] and shifted (see the
     * class comment), after the clamp to 1 (which keeps NaN). On bits as ints, since a non-negative float's bits order
     * as the float does and a negative float's are a negative int. {@link SensorVector#cellsInPlace} is the same
     * without the clamp to 1, for values at most 1 or NaN.
     */
    static int cell(float linear) {
        return cellAtMostOne(Math.min(linear, 1f));
    }

    /** {@link #cell} of a value at most 1 or NaN (the clamp to 1 done): int operations only. */
    private static int cellAtMostOne(float linear) {
        return Math.min(Math.max(Float.floatToRawIntBits(linear), LOWEST_BITS), NAN_CELL_BITS) >> CELL_SHIFT;
    }

    /** {@link #cell} as a float's bits, as the look-up loops read a plane ({@link #storeCells}). */
    static float cellAsFloat(float linear) {
        return Float.intBitsToFloat(cell(linear));
    }

    /** The table's index of a cell held as a float's bits. */
    private static int index(float cellAsFloat) {
        return Float.floatToRawIntBits(cellAsFloat) & CELL_MASK;
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
     * row's 3 w bytes. The planes are overwritten (with their cells, {@link #cellAsFloat}), then {@link #storeCells}.
     */
    void encodeRow(float[] r, float[] g, float[] b, int w, byte[] out, int outOffset) {
        for (int u = 0; u < w; u++) {
            r[u] = cellAsFloat(r[u]);
            g[u] = cellAsFloat(g[u]);
            b[u] = cellAsFloat(b[u]);
        }
        storeCells(r, g, b, w, out, outOffset);
    }

    /**
     * The codes of w pixels whose planes hold {@link #cellAsFloat} values (the sensor pass's with the Vector API from
     * {@link SensorVector#cellsInPlace}) into out, interleaved, from outOffset, writing nothing outside the
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
            long first = (table[index(r[u])] & 0xFF) | (table[index(g[u])] & 0xFF) << 8 | (table[index(b[u])] & 0xFF) << 16;
            long second = (table[index(r[u + 1])] & 0xFF) | (table[index(g[u + 1])] & 0xFF) << 8 | (table[index(b[u + 1])] & 0xFF) << 16;
            LONG_LE.set(out, outOffset + 3 * u, first | second << 24);
        }
        for (int o = outOffset + 3 * u; u < w; u++, o += 3) {
            out[o] = table[index(r[u])];
            out[o + 1] = table[index(g[u])];
            out[o + 2] = table[index(b[u])];
        }
    }

    /**
     * The codes of one plane's w values holding {@link #cellAsFloat} values into out[offset .. offset + paddedWidth),
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
            out[offset + t] = table[index(x[Math.min(BlockOrderCodes.pixelAt(t, lanes), w - 1)])];
        }
    }

    /** The codes of x[p], x[p + 8], .., x[p + 56] ({@link #cellAsFloat} values), the first in the low byte. */
    private static long eightCodes(byte[] table, float[] x, int p) {
        long low = (table[index(x[p])] & 0xFF) | (table[index(x[p + 8])] & 0xFF) << 8 | (table[index(x[p + 16])] & 0xFF) << 16
                | (long) (table[index(x[p + 24])] & 0xFF) << 24;
        long high = (table[index(x[p + 32])] & 0xFF) | (table[index(x[p + 40])] & 0xFF) << 8 | (table[index(x[p + 48])] & 0xFF) << 16
                | (long) (table[index(x[p + 56])] & 0xFF) << 24;
        return low | high << 32;
    }

    /**
     * x[u] = {@link #cellAsFloat}(x[u]) for u in [from, w), each x[u] at most 1 or NaN (so without the clamp to 1, whose
     * NaN and -0 tests make a scalar Math.min several branches): the plain path's (a scalar loop: C2 on JDK 17 does not
     * vectorise Float.floatToRawIntBits) and {@link SensorVector#cellsInPlace}'s tail.
     */
    static void cellsInPlace(float[] x, int from, int w) {
        for (int u = from; u < w; u++) {
            x[u] = Float.intBitsToFloat(cellAtMostOne(x[u]));
        }
    }
}
