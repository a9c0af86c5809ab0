package org.hilbridge.augment.photometric;

/**
 * One band of 16 rows of a frame's rgb8 codes laid out as the vector JPEG pass ({@link BlockDctVector}) reads it:
 * planes r, g, b after one another, 16 rows of {@link #paddedWidth} codes each (the pixels past the width as the row's
 * last one), every row in block order: group after group of 8 lanes pixels (lanes 8 x 8 blocks side by side), column
 * k of the group's blocks as lanes consecutive codes ({@link #position}). A pass that makes the codes (the chain's
 * sensor pass, {@link SrgbCurve#storeCodesInBlockOrder}) writes each band's rows here in place of the interleaved
 * frame, and the JPEG pass runs on the band as soon as its last row is in ({@link BlockDct#quantiseBand}), skipping
 * the split of the frame into planes and their reordering into block order; the band (61 kB at 1280 pixels) stays in
 * cache where a frame of codes (2.7 MB) was written to memory and read back. Row v of the frame goes to row v mod 16
 * of the band. The JPEG pass fills the padding rows of the last band and writes its output codes over the band.
 * Held by the JPEG pass between frames (grown when the frame's width changes); one thread at a time.
 */
final class BlockOrderCodes {
    /** Rows a band: one row of 4:2:0 macroblocks (two luma blocks high). */
    static final int ROWS = 16;
    /** Blocks side by side in a group (the JPEG pass's float lanes: 8 or 16). */
    final int lanes;
    /** Codes a band row: the width rounded up to whole chroma groups (2 groups). */
    final int paddedWidth;
    /** The band: 3 x {@value #ROWS} rows of paddedWidth codes. */
    final byte[] codes;

    BlockOrderCodes(int lanes, int paddedWidth) {
        this.lanes = lanes;
        this.paddedWidth = paddedWidth;
        this.codes = new byte[3 * ROWS * paddedWidth];
    }

    /** Where the frame's row v of plane c (0 r, 1 g, 2 b) starts in the band (row v mod {@value #ROWS}). */
    int row(int v, int c) {
        return (ROWS * c + v % ROWS) * paddedWidth;
    }

    /** The frame's first row of the band that holds row v. */
    static int bandStart(int v) {
        return v - v % ROWS;
    }

    /** Whether row v of a frame h rows high is its band's last: the band is then complete (or the frame ends). */
    static boolean endsBand(int v, int h) {
        return v % ROWS == ROWS - 1 || v == h - 1;
    }

    /**
     * The position in its row of pixel x's code: pixel 8 b + k of a group (block b, column k) at k lanes + b, so that
     * lane b of every vector of a group is block b.
     */
    static int position(int x, int lanes) {
        int group = 8 * lanes, g = x / group * group, t = x % group;
        return g + (t % 8) * lanes + t / 8;
    }

    /**
     * The pixel (within its row) whose code is at position t: the inverse of {@link #position} (position k lanes + b of a
     * group holds column k of block b, pixel 8 b + k).
     */
    static int pixelAt(int t, int lanes) {
        int group = 8 * lanes, g = t / group * group, k = (t - g) / lanes, b = (t - g) % lanes;
        return g + 8 * b + k;
    }

    /**
     * Rows rows .. {@value #ROWS} - 1 of the band (the last band's rows past the image), in every plane, as a copy of row rows - 1: the
     * image's last row repeated, as JPEG's edge areas read it.
     */
    void repeatLastRow(int rows) {
        for (int c = 0; c < 3; c++) {
            for (int j = rows; j < ROWS; j++) {
                System.arraycopy(codes, row(rows - 1, c), codes, row(j, c), paddedWidth);
            }
        }
    }

    /** Whether this layout serves a frame whose width is padded to paddedWidth, with these lanes. */
    boolean fits(int lanes, int paddedWidth) {
        return this.lanes == lanes && this.paddedWidth == paddedWidth;
    }
}
