package org.hilbridge.hil.terrain;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an ESRI ASCII grid (Esri, "ESRI ASCII raster format", ArcGIS documentation): a header of
 * {@code ncols}, {@code nrows}, {@code xllcorner}|{@code xllcenter}, {@code yllcorner}|{@code yllcenter},
 * {@code cellsize} and optionally {@code NODATA_value}, then nrows lines of ncols values, the first line
 * being the northernmost row. Cell values are heights in metres at cell centres. A NODATA cell is an error:
 * the vehicle needs ground everywhere.
 */
public final class EsriAsciiGridReader {
    private static final int MAX_SAMPLES = 64 * 1024 * 1024;

    public HeightGrid read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            Map<String, String> header = new LinkedHashMap<>();
            int lineNo = 0;
            String line;
            String firstDataLine = null;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String t = line.trim();
                if (t.isEmpty()) {
                    continue;
                }
                if (!Character.isLetter(t.charAt(0))) {
                    firstDataLine = t;
                    break;
                }
                String[] kv = t.split("\\s+");
                if (kv.length != 2) {
                    throw new TerrainFileException(file, "line " + lineNo + ": header line '" + t + "' must be a key and one value");
                }
                String key = kv[0].toLowerCase(Locale.ROOT);
                if (!key.matches("ncols|nrows|xllcorner|xllcenter|yllcorner|yllcenter|cellsize|nodata_value")) {
                    throw new TerrainFileException(file, "line " + lineNo + ": unknown header key '" + kv[0]
                            + "': allowed are ncols, nrows, xllcorner or xllcenter, yllcorner or yllcenter, cellsize, NODATA_value");
                }
                header.put(key, kv[1]);
            }
            int columns = positiveInt(file, header, "ncols");
            int rows = positiveInt(file, header, "nrows");
            if (columns < 2 || rows < 2) {
                throw new TerrainFileException(file, "grid of " + columns + " x " + rows + " cells is too small: at least 2 x 2 are needed");
            }
            if ((long) columns * rows > MAX_SAMPLES) {
                throw new TerrainFileException(file, "grid of " + columns + " x " + rows + " cells is too large: at most " + MAX_SAMPLES + " cells");
            }
            double cell = number(file, header, "cellsize");
            if (!(cell > 0)) {
                throw new TerrainFileException(file, "cellsize " + header.get("cellsize") + " is not allowed: it must be > 0");
            }
            // Sample centres: a corner origin is half a cell away from the first centre.
            double x0 = header.containsKey("xllcenter") ? number(file, header, "xllcenter") : number(file, header, "xllcorner") + cell / 2;
            double y0 = header.containsKey("yllcenter") ? number(file, header, "yllcenter") : number(file, header, "yllcorner") + cell / 2;
            Double noData = header.containsKey("nodata_value") ? number(file, header, "nodata_value") : null;

            float[] heights = new float[columns * rows];
            int count = 0;
            String data = firstDataLine;
            int dataLineNo = lineNo;
            while (data != null) {
                for (String token : data.trim().split("\\s+")) {
                    if (token.isEmpty()) {
                        continue;
                    }
                    if (count >= heights.length) {
                        throw new TerrainFileException(file, "line " + dataLineNo + ": more values than ncols x nrows = " + heights.length);
                    }
                    double v;
                    try {
                        v = Double.parseDouble(token);
                    } catch (NumberFormatException e) {
                        throw new TerrainFileException(file, "line " + dataLineNo + ": value '" + token + "' is not a number");
                    }
                    int fileRow = count / columns;
                    int column = count % columns;
                    if (noData != null && v == noData) {
                        throw new TerrainFileException(file, "line " + dataLineNo + ": NODATA at row " + fileRow + ", column " + column
                                + ": every cell needs a height");
                    }
                    if (!Double.isFinite(v)) {
                        throw new TerrainFileException(file, "line " + dataLineNo + ": value '" + token + "' is not finite");
                    }
                    // File rows run north to south; the height field's rows run south to north.
                    heights[(rows - 1 - fileRow) * columns + column] = (float) v;
                    count++;
                }
                data = in.readLine();
                dataLineNo++;
            }
            if (count != heights.length) {
                throw new TerrainFileException(file, "has " + count + " values, but ncols x nrows = " + columns + " x " + rows + " = " + heights.length);
            }
            return new HeightGrid(columns, rows, cell, x0, y0, heights);
        }
    }

    private static int positiveInt(Path file, Map<String, String> header, String key) throws TerrainFileException {
        String v = header.get(key);
        if (v == null) {
            throw new TerrainFileException(file, "header key '" + key + "' is missing");
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new TerrainFileException(file, "header " + key + " = '" + v + "' is not a whole number");
        }
    }

    private static double number(Path file, Map<String, String> header, String key) throws TerrainFileException {
        String v = header.get(key);
        if (v == null) {
            String alternative = key.endsWith("corner") ? key.replace("corner", "center") : key;
            throw new TerrainFileException(file, "header key '" + key + "'" + (alternative.equals(key) ? "" : " (or '" + alternative + "')") + " is missing");
        }
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new TerrainFileException(file, "header " + key + " = '" + v + "' is not a finite number");
        }
    }
}
