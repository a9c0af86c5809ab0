package org.hilbridge.sim.terrain;

import java.util.List;
import org.hilbridge.sim.math.StrictTrig;
import org.hilbridge.sim.random.SeededRandom;

/** Height fields made from a rule instead of a file: a plane, a slope, a rolling off-road course. */
public final class ProceduralTerrain {
    private ProceduralTerrain() {
    }

    /** A level plane at height 0 of one material, centred on the origin. */
    public static HeightField plane(double sizeM, double cellSizeM, Material material) {
        return slope(0, sizeM, cellSizeM, material);
    }

    /** A plane rising along +x at {@code angleRad} (height 0 at x = 0), centred on the origin. */
    public static HeightField slope(double angleRad, double sizeM, double cellSizeM, Material material) {
        if (!(StrictMath.abs(angleRad) < StrictMath.PI / 2 - 1e-6)) {
            throw new IllegalArgumentException("slope angle " + angleRad + " rad is not allowed: it must be in (-pi/2, pi/2)");
        }
        int n = samples(sizeM, cellSizeM);
        double origin = -0.5 * (n - 1) * cellSizeM;
        double grade = StrictTrig.tan(angleRad);
        float[] h = new float[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                h[j * n + i] = (float) ((origin + i * cellSizeM) * grade);
            }
        }
        return new HeightField(n, n, cellSizeM, origin, origin, h, null, List.of(material));
    }

    /**
     * A rolling off-road course: fractal value noise (four octaves, features from about 160 m down to
     * 20 m, a few metres of relief) with a material map from a second noise field: mud in hollows, dry
     * sand and clay patches, a gravel band, grass elsewhere. The same seed always gives the same course.
     */
    public static HeightField rollingCourse(SeededRandom random, double sizeM, double cellSizeM, MaterialCatalog materials) {
        int n = samples(sizeM, cellSizeM);
        double origin = -0.5 * (n - 1) * cellSizeM;
        ValueNoise relief = new ValueNoise(random.nextLong());
        ValueNoise soil = new ValueNoise(random.nextLong());
        List<Material> palette = List.of(materials.get("grass"), materials.get("mud"), materials.get("dry_sand"),
                materials.get("gravel"), materials.get("clay"));
        float[] h = new float[n * n];
        byte[] mat = new byte[n * n];
        for (int j = 0; j < n; j++) {
            double y = origin + j * cellSizeM;
            for (int i = 0; i < n; i++) {
                double x = origin + i * cellSizeM;
                double height = relief.fractal(x / 160.0, y / 160.0, 4) * 4.0;
                double s = soil.fractal(x / 90.0, y / 90.0, 3);
                int m;
                if (height < -2.0) {
                    m = 1; // mud collects in hollows
                } else if (s > 0.35) {
                    m = 2;
                } else if (s > 0.12 && s < 0.18) {
                    m = 3;
                } else if (s < -0.4) {
                    m = 4;
                } else {
                    m = 0;
                }
                h[j * n + i] = (float) height;
                mat[j * n + i] = (byte) m;
            }
        }
        return new HeightField(n, n, cellSizeM, origin, origin, h, mat, palette);
    }

    private static int samples(double sizeM, double cellSizeM) {
        if (!(cellSizeM > 0) || !Double.isFinite(cellSizeM)) {
            throw new IllegalArgumentException("cellSizeM = " + cellSizeM + " is not allowed: it must be a finite number > 0");
        }
        if (!(sizeM >= 2 * cellSizeM) || !Double.isFinite(sizeM)) {
            throw new IllegalArgumentException("sizeM = " + sizeM + " is not allowed: it must be at least two cells (" + 2 * cellSizeM + " m)");
        }
        long n = StrictMath.round(sizeM / cellSizeM) + 1;
        if (n * n > 64L * 1024 * 1024) {
            throw new IllegalArgumentException("a " + sizeM + " m terrain at " + cellSizeM + " m cells has " + n * n + " samples: at most 67108864 are allowed");
        }
        return (int) n;
    }
}
