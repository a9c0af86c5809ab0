package org.hilbridge.hil.terrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.Material;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerrainFilesTest {
    private static final Material GRASS = MaterialCatalog.standard().get("grass");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.US_ASCII);
        return p;
    }

    @Test
    void esriAsciiGridRowsRunNorthToSouthAndCornersAreHalfACellOut() throws IOException {
        Path f = write("hill.asc", """
                ncols        3
                nrows        2
                xllcorner    100.0
                yllcorner    200.0
                cellsize     10.0
                NODATA_value -9999
                7 8 9
                1 2 3
                """);
        HeightField h = TerrainFiles.load(f, Double.NaN, 0, 0, GRASS);
        assertEquals(3, h.columns());
        assertEquals(2, h.rows());
        assertEquals(105.0, h.originXM());
        assertEquals(205.0, h.originYM());
        assertEquals(1, h.sampleM(0, 0), "the last line is the southern row");
        assertEquals(9, h.sampleM(2, 1));
        assertEquals((1 + 2 + 7 + 8) / 4.0, h.heightM(110, 210), 1e-6, "bilinear at the centre of the first cell");
    }

    @Test
    void sixteenBitPngScalesToTheGivenRangeAndCentresOnTheOrigin() throws IOException {
        BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                r.setSample(x, y, 0, (x + 4 * y) * 5000);
            }
        }
        Path f = dir.resolve("map.png");
        ImageIO.write(img, "png", f.toFile());
        HeightField h = TerrainFiles.load(f, 2.0, -10, 65.535, GRASS);
        assertEquals(-3.0, h.originXM());
        assertEquals(-2.0, h.originYM());
        // Pixel (x=1, y=2) is the bottom image row, so height-field row 0: value 9 * 5000.
        assertEquals(-10 + 45000 / 65535.0 * 65.535, h.sampleM(1, 0), 1e-4);
        assertEquals(-10, h.sampleM(0, 2), 1e-6, "image top-left is the north-west sample");
    }

    @Test
    void malformedFilesAreRejectedNamingTheFileAndTheFault() throws IOException {
        assertFault(write("a.asc", "ncols 2\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2\n3 4\n"), "a.asc: header key 'nrows' is missing");
        assertFault(write("b.asc", "ncols 2\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2\n3 x\n"), "b.asc: line 7: value 'x' is not a number");
        assertFault(write("c.asc", "ncols 2\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2\n3\n"), "has 3 values, but ncols x nrows = 2 x 2 = 4");
        assertFault(write("d.asc", "ncols 2\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 1\nnodata_value -1\n1 2\n-1 4\n"), "NODATA at row 1, column 0");
        assertFault(write("e.asc", "ncols 2\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize -5\n1 2\n3 4\n"), "cellsize -5 is not allowed");
        assertFault(write("f.asc", "ncols 2\nnrows 2\nzunits m\n"), "unknown header key 'zunits'");
        assertFault(write("g.png", "this is not an image"), "g.png: is not a PNG file");
        assertFault(write("h.tif", "II*"), "unknown height-map type");
        assertFault(dir.resolve("missing.asc"), "missing.asc: no such file");

        BufferedImage rgb = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        Path colour = dir.resolve("colour.png");
        ImageIO.write(rgb, "png", colour.toFile());
        assertFault(colour, "must be 16-bit greyscale");

        Path truncated = dir.resolve("cut.png");
        BufferedImage grey = new BufferedImage(64, 64, BufferedImage.TYPE_USHORT_GRAY);
        ImageIO.write(grey, "png", truncated.toFile());
        byte[] bytes = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, 40));
        assertThrows(TerrainFileException.class, () -> TerrainFiles.load(truncated, 1, 0, 1, GRASS));
    }

    private static void assertFault(Path file, String fragment) {
        TerrainFileException e = assertThrows(TerrainFileException.class, () -> TerrainFiles.load(file, 1, 0, 1, GRASS));
        assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' should contain '" + fragment + "'");
    }
}
