package org.hilbridge.hil.terrain;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Reads a 16-bit greyscale PNG height map (the format of most terrain tools' "RAW16/PNG16" exports): each
 * pixel's value v in [0, 65535] becomes the height base + v / 65535 * range. The image's top row is the
 * north edge. The grid is centred on the world origin; cell size and vertical scale come from the scenario
 * (a PNG carries neither).
 */
public final class Png16HeightReader {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    public HeightGrid read(Path file, double cellSizeM, double baseHeightM, double heightRangeM) throws IOException {
        if (!(cellSizeM > 0) || !Double.isFinite(cellSizeM)) {
            throw new IllegalArgumentException("terrain.cellSizeM = " + cellSizeM + " is not allowed: it must be a finite number > 0");
        }
        if (!(heightRangeM > 0) || !Double.isFinite(heightRangeM)) {
            throw new IllegalArgumentException("terrain.heightRangeM = " + heightRangeM + " is not allowed: it must be a finite number > 0");
        }
        if (!Double.isFinite(baseHeightM)) {
            throw new IllegalArgumentException("terrain.baseHeightM = " + baseHeightM + " is not allowed: it must be finite");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(PNG_SIGNATURE.length);
            if (!java.util.Arrays.equals(head, PNG_SIGNATURE)) {
                throw new TerrainFileException(file, "is not a PNG file (its first bytes are not the PNG signature)");
            }
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new TerrainFileException(file, "is a damaged PNG: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new TerrainFileException(file, "could not be decoded as a PNG image");
        }
        Raster raster = image.getRaster();
        int bits = raster.getSampleModel().getSampleSize(0);
        if (raster.getNumBands() != 1 || bits != 16) {
            throw new TerrainFileException(file, "is a PNG with " + raster.getNumBands() + " channel(s) of " + bits
                    + " bits: a height map must be 16-bit greyscale (1 channel of 16 bits)");
        }
        int columns = image.getWidth();
        int rows = image.getHeight();
        if (columns < 2 || rows < 2) {
            throw new TerrainFileException(file, "is " + columns + " x " + rows + " pixels: at least 2 x 2 are needed");
        }
        float[] heights = new float[columns * rows];
        int[] line = new int[columns];
        for (int py = 0; py < rows; py++) {
            raster.getSamples(0, py, columns, 1, 0, line);
            int row = rows - 1 - py; // image top is north
            for (int i = 0; i < columns; i++) {
                heights[row * columns + i] = (float) (baseHeightM + line[i] / 65535.0 * heightRangeM);
            }
        }
        return new HeightGrid(columns, rows, cellSizeM, Double.NaN, Double.NaN, heights);
    }
}
