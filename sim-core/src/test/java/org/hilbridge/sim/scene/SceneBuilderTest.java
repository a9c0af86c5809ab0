package org.hilbridge.sim.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hilbridge.sim.random.RandomStreams;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.world.BoxObstacle;
import org.hilbridge.sim.world.World;
import org.junit.jupiter.api.Test;

class SceneBuilderTest {
    private static final HeightField COURSE = ProceduralTerrain.rollingCourse(new RandomStreams(1).stream("terrain"), 600, 2, MaterialCatalog.standard());
    private static final double[] ROUTE = {-250, 0, 250, 0};

    private static Scene build(long seed) {
        World world = new World(COURSE).withObstacles(List.of(new BoxObstacle("crate", 10, 30, 0, 1, 1, 1.5)));
        return new SceneBuilder(world, COURSE, ROUTE, 6).build(new RandomStreams(seed).stream("scenery"), SceneBuilder.defaultDensity());
    }

    @Test
    void sceneryIsSeededGrowsOnTheRightGroundAndKeepsTheRouteClear() {
        Scene a = build(7);
        assertEquals(a.primitives(), build(7).primitives(), "same seed, same scenery");
        assertNotEquals(a.primitives(), build(8).primitives());
        int trees = 0;
        int rocks = 0;
        for (Primitive p : a.primitives()) {
            double[] b = p.bounds();
            double cx = (b[0] + b[3]) / 2;
            double cy = (b[1] + b[4]) / 2;
            String ground = COURSE.material(cx, cy).name();
            if (p.semanticClass() == SemanticClass.OBSTACLE) {
                assertEquals(COURSE.heightM(10, 30), b[2], 1e-9, "obstacles stand on the ground");
                continue;
            }
            assertTrue(Math.abs(cy) > 6 || Math.abs(cx) > 250, "scenery in the route corridor at (" + cx + ", " + cy + ")");
            if (p instanceof Primitive.Cylinder) {
                trees++;
                assertEquals("grass", ground, "trees grow on grass");
            }
            if (p.semanticClass() == SemanticClass.ROCK) {
                rocks++;
                assertTrue(List.of("gravel", "dry_sand", "clay").contains(ground), "rock on " + ground);
            }
        }
        // 36 ha at 4 trees and 6 rocks per ha, thinned by the ground they need.
        assertTrue(trees > 30 && trees < 144, "trees: " + trees);
        assertTrue(rocks > 5 && rocks < 216, "rocks: " + rocks);
        assertEquals(1, a.primitives().stream().filter(p -> p.semanticClass() == SemanticClass.OBSTACLE).count());
    }

    @Test
    void theIndexListsEveryPrimitiveInTheCellsItOverlaps() {
        Scene s = build(7);
        PrimitiveIndex index = s.index();
        for (int k = 0; k < s.primitives().size(); k++) {
            double[] b = s.primitives().get(k).bounds();
            int[] cell = index.cell(index.column((b[0] + b[3]) / 2), index.row((b[1] + b[4]) / 2));
            final int wanted = k;
            assertTrue(java.util.Arrays.stream(cell).anyMatch(i -> i == wanted), "primitive " + k + " missing from its centre cell");
        }
    }

    @Test
    void semanticIdsAreStable() {
        // The table in SemanticClass's comment is a wire contract: ids never change.
        assertEquals(1, SemanticClass.SKY.id());
        assertEquals(5, SemanticClass.GRASS.id());
        assertEquals(9, SemanticClass.MUD.id());
        assertEquals(13, SemanticClass.OBSTACLE.id());
        assertEquals(SemanticClass.DRY_SAND, SemanticClass.ofMaterial("dry_sand"));
        assertEquals(SemanticClass.TERRAIN_OTHER, SemanticClass.ofMaterial("wet_grass"));
    }
}
