package org.hilbridge.sim.scene;

import java.util.ArrayList;
import java.util.List;
import org.hilbridge.sim.random.SeededRandom;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.world.BoxObstacle;
import org.hilbridge.sim.world.CylinderObstacle;
import org.hilbridge.sim.world.Obstacle;
import org.hilbridge.sim.world.World;

/**
 * Builds the scene sensors see from the world: each obstacle as a solid standing on the ground, and
 * vegetation and rocks scattered by seed over the terrain by material (trees and bushes on grass, bushes
 * on sand and clay, rocks on gravel, sand and clay; nothing on asphalt, snow or mud), kept off the clear
 * corridors given (the route, the start) so the scenery never blocks a scenario's path. Scenery is for the
 * sensors only: the vehicle does not collide with it.
 */
public final class SceneBuilder {
    /** Per 10 000 m^2 (a hectare) of the material. */
    public record Density(double treesPerHa, double bushesPerHa, double rocksPerHa) {
    }

    static final Appearance OBSTACLE = new Appearance(0.55f, 0.45f, 0.15f, 0.1f, 0.6f);
    static final Appearance TRUNK = new Appearance(0.20f, 0.14f, 0.09f, 0.3f, 0.35f);
    static final Appearance CROWN = new Appearance(0.06f, 0.16f, 0.05f, 0.4f, 0.55f);
    static final Appearance BUSH = new Appearance(0.09f, 0.18f, 0.06f, 0.4f, 0.5f);
    static final Appearance ROCK = new Appearance(0.30f, 0.29f, 0.28f, 0.35f, 0.3f);

    private final HeightField terrain;
    private final List<Obstacle> obstacles;
    private final double[] corridorXy;
    private final double corridorHalfWidthM;

    /**
     * @param corridorXy          polyline x0, y0, x1, y1, ... to keep clear (may be empty)
     * @param corridorHalfWidthM  clearance either side of it
     */
    public SceneBuilder(World world, HeightField terrain, double[] corridorXy, double corridorHalfWidthM) {
        this.terrain = terrain;
        this.obstacles = world.obstacles();
        this.corridorXy = corridorXy.clone();
        this.corridorHalfWidthM = corridorHalfWidthM;
    }

    /** The default scenery density: a sparse wood and scrub, as on an off-road test ground. */
    public static Density defaultDensity() {
        return new Density(4, 10, 6);
    }

    public Scene build(SeededRandom random, Density density) {
        List<Primitive> out = new ArrayList<>();
        for (Obstacle o : obstacles) {
            if (o instanceof BoxObstacle b) {
                out.add(new Primitive.Box(b.centerXM(), b.centerYM(), terrain.heightM(b.centerXM(), b.centerYM()), b.yawRad(),
                        b.halfLengthM(), b.halfWidthM(), b.heightM(), SemanticClass.OBSTACLE, OBSTACLE));
            } else {
                CylinderObstacle c = (CylinderObstacle) o;
                out.add(new Primitive.Cylinder(c.centerXM(), c.centerYM(), terrain.heightM(c.centerXM(), c.centerYM()), c.radiusM(), c.heightM(),
                        SemanticClass.OBSTACLE, OBSTACLE));
            }
        }
        double areaHa = terrain.widthM() * terrain.depthM() / 10_000;
        // Candidates are drawn uniformly over the whole terrain; each kind keeps those on its materials.
        scatter(out, random, (int) Math.round(density.treesPerHa() * areaHa), Kind.TREE);
        scatter(out, random, (int) Math.round(density.bushesPerHa() * areaHa), Kind.BUSH);
        scatter(out, random, (int) Math.round(density.rocksPerHa() * areaHa), Kind.ROCK);
        return new Scene(terrain, out);
    }

    private enum Kind { TREE, BUSH, ROCK }

    private void scatter(List<Primitive> out, SeededRandom random, int candidates, Kind kind) {
        double x0 = terrain.originXM();
        double y0 = terrain.originYM();
        for (int k = 0; k < candidates; k++) {
            // Always draw the same numbers per candidate, so one rejection never shifts the others.
            double x = x0 + random.nextDouble() * terrain.widthM();
            double y = y0 + random.nextDouble() * terrain.depthM();
            double a = random.nextDouble();
            double b = random.nextDouble();
            String material = terrain.material(x, y).name();
            if (!grows(kind, material) || nearCorridor(x, y, 3 + 2 * a) || nearObstacle(x, y, 3)) {
                continue;
            }
            double ground = terrain.heightM(x, y);
            switch (kind) {
                case TREE -> {
                    double trunkH = 2 + 2 * a;
                    double crownR = 1.5 + 1.5 * b;
                    out.add(new Primitive.Cylinder(x, y, ground - 0.2, 0.12 + 0.15 * b, trunkH + 0.2 + crownR * 0.5,
                            SemanticClass.VEGETATION, TRUNK));
                    out.add(new Primitive.Sphere(x, y, ground + trunkH + crownR * 0.8, crownR, 1.0, SemanticClass.VEGETATION, CROWN));
                }
                case BUSH -> {
                    double r = 0.4 + 0.8 * a;
                    out.add(new Primitive.Sphere(x, y, ground + r * 0.5, r, 0.8, SemanticClass.VEGETATION, BUSH));
                }
                case ROCK -> {
                    double r = 0.2 + 0.6 * a * a;
                    out.add(new Primitive.Sphere(x, y, ground, r, 0.5 + 0.3 * b, SemanticClass.ROCK, ROCK));
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private static boolean grows(Kind kind, String material) {
        return switch (kind) {
            case TREE -> material.equals("grass");
            case BUSH -> material.equals("grass") || material.equals("dry_sand") || material.equals("clay");
            case ROCK -> material.equals("gravel") || material.equals("dry_sand") || material.equals("clay");
        };
    }

    private boolean nearObstacle(double x, double y, double clearanceM) {
        for (Obstacle o : obstacles) {
            double cx = o instanceof BoxObstacle b ? b.centerXM() : ((CylinderObstacle) o).centerXM();
            double cy = o instanceof BoxObstacle b ? b.centerYM() : ((CylinderObstacle) o).centerYM();
            double r = o instanceof BoxObstacle b ? StrictMath.hypot(b.halfLengthM(), b.halfWidthM()) : ((CylinderObstacle) o).radiusM();
            if (StrictMath.hypot(x - cx, y - cy) < r + clearanceM) {
                return true;
            }
        }
        return false;
    }

    private boolean nearCorridor(double x, double y, double extraM) {
        double limit = corridorHalfWidthM + extraM;
        int n = corridorXy.length / 2;
        if (n == 1) {
            return StrictMath.hypot(x - corridorXy[0], y - corridorXy[1]) < limit;
        }
        for (int i = 0; i + 1 < n; i++) {
            double ax = corridorXy[2 * i];
            double ay = corridorXy[2 * i + 1];
            double dx = corridorXy[2 * i + 2] - ax;
            double dy = corridorXy[2 * i + 3] - ay;
            double len2 = dx * dx + dy * dy;
            double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
            if (StrictMath.hypot(x - ax - t * dx, y - ay - t * dy) < limit) {
                return true;
            }
        }
        return false;
    }
}
