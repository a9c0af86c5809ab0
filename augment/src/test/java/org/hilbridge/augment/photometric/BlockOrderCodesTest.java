package org.hilbridge.augment.photometric;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The block-order layout's own arithmetic (the pass's bytes through it are BlockDctTest's and SensorVectorTest's). */
class BlockOrderCodesTest {
    @Test
    void pixelAtInvertsPosition() {
        for (int lanes : new int[] {8, 16}) {
            boolean[] seen = new boolean[3 * 8 * lanes];
            for (int x = 0; x < seen.length; x++) {
                int t = BlockOrderCodes.position(x, lanes);
                assertFalse(seen[t], "two pixels at position " + t + " with " + lanes + " lanes");
                seen[t] = true;
                assertEquals(x, BlockOrderCodes.pixelAt(t, lanes), "position " + t + " with " + lanes + " lanes");
            }
        }
        // Column k of block b of a group: pixel 8 b + k at k lanes + b (lane b of each vector is block b).
        assertEquals(8 * 3 + 5, BlockOrderCodes.pixelAt(5 * 16 + 3, 16));
    }

    @Test
    void theLastBandsMissingRowsRepeatTheImagesLastRow() {
        int pw = 32, h = 21;   // the second band holds rows 16 .. 20, then 11 rows past the image
        BlockOrderCodes blocks = new BlockOrderCodes(8, pw);
        for (int c = 0; c < 3; c++) {
            for (int v = 16; v < h; v++) {
                for (int t = 0; t < pw; t++) {
                    blocks.codes[blocks.row(v, c) + t] = (byte) (10 * c + v + t);
                }
            }
        }
        blocks.repeatLastRow(h - 16);
        for (int c = 0; c < 3; c++) {
            for (int v = h; v < 32; v++) {
                for (int t = 0; t < pw; t++) {
                    assertEquals((byte) (10 * c + h - 1 + t), blocks.codes[blocks.row(v, c) + t], "plane " + c + " row " + v);
                }
            }
            assertEquals((byte) (10 * c + 20), blocks.codes[blocks.row(20, c)], "the image's rows stay");
        }
    }
}
