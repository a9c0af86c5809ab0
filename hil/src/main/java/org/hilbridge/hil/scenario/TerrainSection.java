package org.hilbridge.hil.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hilbridge.hil.config.ConfigTree;
import org.hilbridge.hil.config.NumberText;
import org.hilbridge.hil.terrain.TerrainFiles;
import org.hilbridge.sim.random.RandomStreams;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.Material;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;

/**
 * Builds the ground from the terrain keys: a plane, a slope, the rolling course or a height-map file. Each
 * type takes its own keys; a key of another type is an error rather than silently unused.
 */
final class TerrainSection {
    /** Keys each terrain type takes (besides type). */
    private static final Map<String, List<String>> KEYS = Map.of(
            "plane", List.of("size_m", "cell_size_m", "material"),
            "slope", List.of("size_m", "cell_size_m", "material", "slope_deg"),
            "rolling", List.of("size_m", "cell_size_m", "seed"),
            "file", List.of("file", "material", "cell_size_m", "base_height_m", "height_range_m"));
    /** A height field's sample limit, as ProceduralTerrain enforces it. */
    private static final long MAX_SAMPLES = 64L * 1024 * 1024;
    static final double DEFAULT_SIZE_M = 400;
    static final double DEFAULT_ROLLING_SIZE_M = 1000;
    static final double DEFAULT_CELL_SIZE_M = 1;

    private final ConfigTree c;
    private final Path scenarioFolder;
    private final MaterialCatalog catalog;

    TerrainSection(ConfigTree c, Path scenarioFolder, MaterialCatalog catalog) {
        this.c = c;
        this.scenarioFolder = scenarioFolder;
        this.catalog = catalog;
    }

    /** The ground before weather. */
    HeightField build(long scenarioSeed) throws IOException {
        if (!c.has("terrain.type")) {
            throw c.missing("terrain.type", "");
        }
        String type = c.text("terrain.type");
        for (String key : c.keysUnder("terrain")) {
            String leaf = key.substring("terrain.".length());
            if (!leaf.equals("type") && !KEYS.get(type).contains(leaf)) {
                throw c.notAllowed(key, "terrain.type " + type + " does not take it (its keys: " + String.join(", ", KEYS.get(type)) + ")");
            }
        }
        switch (type) {
            case "plane":
                return ProceduralTerrain.plane(size(DEFAULT_SIZE_M), cell(DEFAULT_SIZE_M), material());
            case "slope":
                if (!c.has("terrain.slope_deg")) {
                    throw c.missing("terrain.slope_deg", "terrain.type slope needs it");
                }
                return ProceduralTerrain.slope(StrictMath.toRadians(c.number("terrain.slope_deg")), size(DEFAULT_SIZE_M), cell(DEFAULT_SIZE_M), material());
            case "rolling":
                long seed = c.integer("terrain.seed", scenarioSeed);
                return ProceduralTerrain.rollingCourse(new RandomStreams(seed).stream("terrain"), size(DEFAULT_ROLLING_SIZE_M),
                        cell(DEFAULT_ROLLING_SIZE_M), MaterialCatalog.standard());
            default:
                return fromFile();
        }
    }

    private double size(double defaultSizeM) {
        return c.number("terrain.size_m", defaultSizeM);
    }

    /** The cell size, checked against the size: at least two cells, at most the sample limit. */
    private double cell(double defaultSizeM) {
        double sizeM = size(defaultSizeM);
        double cellM = c.number("terrain.cell_size_m", DEFAULT_CELL_SIZE_M);
        String key = c.has("terrain.cell_size_m") ? "terrain.cell_size_m" : "terrain.size_m";
        if (sizeM < 2 * cellM) {
            throw c.notAllowed(key, "the terrain (size_m " + NumberText.of(sizeM) + " m) must be at least two cells (cell_size_m " + NumberText.of(cellM) + " m) across");
        }
        long n = StrictMath.round(sizeM / cellM) + 1;
        if (n * n > MAX_SAMPLES) {
            throw c.notAllowed(key, NumberText.of(sizeM) + " m at " + NumberText.of(cellM) + " m cells is " + n * n + " samples: at most " + MAX_SAMPLES + " are allowed");
        }
        return cellM;
    }

    private Material material() {
        if (!c.has("terrain.material")) {
            throw c.missing("terrain.material", "terrain.type " + c.text("terrain.type") + " needs it");
        }
        String name = c.text("terrain.material");
        List<String> names = catalog.all().stream().map(Material::name).toList();
        if (!names.contains(name)) {
            throw c.notAllowed("terrain.material", "expected one of the materials: " + String.join(", ", names));
        }
        return catalog.get(name);
    }

    /** A height map relative to the scenario's folder: .asc carries its own grid, .png needs one. */
    private HeightField fromFile() throws IOException {
        if (!c.has("terrain.file")) {
            throw c.missing("terrain.file", "terrain.type file needs it");
        }
        Path file = scenarioFolder.resolve(c.text("terrain.file"));
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean png = name.endsWith(".png");
        if (!png && !name.endsWith(".asc")) {
            throw c.notAllowed("terrain.file", "expected an .asc (ESRI ASCII grid) or .png (16-bit greyscale) height map");
        }
        if (!Files.isRegularFile(file)) {
            throw c.notAllowed("terrain.file", "no such file: " + file + " (a terrain file is relative to the scenario's folder)");
        }
        if (png) {
            if (!c.has("terrain.height_range_m")) {
                throw c.missing("terrain.height_range_m", "a .png height map needs it: a PNG carries no vertical scale");
            }
            return TerrainFiles.load(file, c.number("terrain.cell_size_m", DEFAULT_CELL_SIZE_M), c.number("terrain.base_height_m", 0),
                    c.number("terrain.height_range_m"), material());
        }
        for (String pngOnly : List.of("terrain.cell_size_m", "terrain.base_height_m", "terrain.height_range_m")) {
            if (c.has(pngOnly)) {
                throw c.notAllowed(pngOnly, "it applies to .png height maps only: an .asc file carries its own grid and heights");
            }
        }
        return TerrainFiles.load(file, Double.NaN, 0, 0, material());
    }
}
