package org.hilbridge.augment.photometric;

/**
 * A frame's rgb8 codes laid out as the vector JPEG pass ({@link BlockDctVector}) reads each band of 16 rows: band
 * after band, in a band plane r, g, b after one another, 16 rows of {@link #paddedWidth} codes each (the pixels past
 * the width as the row's last one), every row in block order: group after group of 8 lanes pixels (lanes 8 x 8 blocks
 * side by side), column k of the group's blocks as lanes consecutive codes ({@link #position}). A pass that makes the codes (the chain's sensor pass, {@link SrgbCurve#storeCodesInBlockOrder}) writes
 * them here in place of the interleaved frame, and the JPEG pass skips splitting the frame into planes and reordering
 * the planes into block order (a third of its time on JDK 17). The JPEG pass fills the padding rows of the last band.
 * Held by the JPEG pass between frames (grown when the frame size changes); one thread at a time.
 */
final class BlockOrderCodes {
    /** Blocks side by side in a group (the JPEG pass's float lanes: 8 or 16). */
    final int lanes;
    /** Codes a band row: the width rounded up to whole chroma groups (2 groups). */
    final int paddedWidth;
    /** The bands, each 3 x 16 rows of paddedWidth codes. */
    final byte[] codes;

    BlockOrderCodes(int lanes, int paddedWidth, int h) {
        this.lanes = lanes;
        this.paddedWidth = paddedWidth;
        this.codes = new byte[(h + 15) / 16 * bandSize()];
    }

    /** Codes a band: three planes of 16 rows. */
    int bandSize() {
        return 48 * paddedWidth;
    }

    /** Where row v of plane c (0 r, 1 g, 2 b) starts. */
    int row(int v, int c) {
        return v / 16 * bandSize() + (16 * c + v % 16) * paddedWidth;
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
     * Rows by + rows .. by + 15 of the band from row by (the last band's rows past the image), in every plane, as a copy
     * of row by + rows - 1: the image's last row repeated, as JPEG's edge areas read it.
     */
    void repeatLastRow(int by, int rows) {
        for (int c = 0; c < 3; c++) {
            for (int j = rows; j < 16; j++) {
                System.arraycopy(codes, row(by + rows - 1, c), codes, row(by + j, c), paddedWidth);
            }
        }
    }

    /** Whether this layout serves a w x h frame (width padded to paddedWidth) with these lanes. */
    boolean fits(int lanes, int paddedWidth, int h) {
        return this.lanes == lanes && this.paddedWidth == paddedWidth && codes.length == (h + 15) / 16 * bandSize();
    }
}
