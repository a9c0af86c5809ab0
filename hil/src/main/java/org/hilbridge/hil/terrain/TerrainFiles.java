package org.hilbridge.hil.terrain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.Material;

/** Builds a terrain from a height-map file: ESRI ASCII grid (.asc) or 16-bit greyscale PNG (.png). */
public final class TerrainFiles {
    private TerrainFiles() {
    }

    /**
     * Loads {@code file} with one material everywhere.
     *
     * @param cellSizeM     grid spacing for a PNG (an .asc file carries its own; pass NaN to use it)
     * @param baseHeightM   height of PNG value 0 (ignored for .asc)
     * @param heightRangeM  height span of PNG values 0 to 65535 (ignored for .asc)
     */
    public static HeightField load(Path file, double cellSizeM, double baseHeightM, double heightRangeM, Material material) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new TerrainFileException(file, "no such file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        HeightGrid grid;
        if (name.endsWith(".asc")) {
            grid = new EsriAsciiGridReader().read(file);
        } else if (name.endsWith(".png")) {
            grid = new Png16HeightReader().read(file, cellSizeM, baseHeightM, heightRangeM);
        } else {
            throw new TerrainFileException(file, "unknown height-map type: allowed are .asc (ESRI ASCII grid) and .png (16-bit greyscale)");
        }
        double x0 = Double.isNaN(grid.originXM()) ? -0.5 * (grid.columns() - 1) * grid.cellSizeM() : grid.originXM();
        double y0 = Double.isNaN(grid.originYM()) ? -0.5 * (grid.rows() - 1) * grid.cellSizeM() : grid.originYM();
        try {
            return new HeightField(grid.columns(), grid.rows(), grid.cellSizeM(), x0, y0, grid.heightsM(), null, List.of(material));
        } catch (IllegalArgumentException e) {
            throw new TerrainFileException(file, e.getMessage(), e);
        }
    }
}
