package org.hilbridge.sim.terrain;

import static org.hilbridge.sim.ErrorMessages.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.random.RandomStreams;
import org.junit.jupiter.api.Test;

class HeightFieldTest {
    private static final MaterialCatalog CATALOG = MaterialCatalog.standard();

    @Test
    void aPlaneGivenAsSamplesIsReproducedExactlyWithItsNormal() {
        double angle = Math.toRadians(12);
        HeightField slope = ProceduralTerrain.slope(angle, 100, 5, CATALOG.get("gravel"));
        for (double x = -40; x <= 40; x += 3.7) {
            assertEquals(x * Math.tan(angle), slope.heightM(x, 7.3), 1e-5);
        }
        Vec3 n = slope.normal(3.3, -2.1, new Vec3());
        assertEquals(-Math.sin(angle), n.x, 1e-6);
        assertEquals(0, n.y, 1e-12);
        assertEquals(Math.cos(angle), n.z, 1e-6);
    }

    @Test
    void bilinearBetweenSamplesAndClampedBeyondTheEdges() {
        float[] h = {0, 1, 2, 3};
        byte[] m = {0, 1, 0, 1};
        HeightField f = new HeightField(2, 2, 10, 0, 0, h, m, List.of(CATALOG.get("grass"), CATALOG.get("mud")));
        assertEquals(1.5, f.heightM(5, 5), 1e-12);
        assertEquals(0.25 * 1 + 0.5 * 2, f.heightM(2.5, 5), 1e-12);
        assertEquals(0, f.heightM(-100, -100), 1e-12);
        assertEquals(3, f.heightM(100, 100), 1e-12);
        assertEquals("mud", f.material(9, 1).name());
        assertEquals("grass", f.material(1, 9).name());
        Vec3 outside = f.normal(-50, 5, new Vec3());
        assertEquals(0, outside.x, 1e-12, "flat in the clamped direction");
    }

    @Test
    void badInputNamesWhatIsWrong() {
        List<Material> one = List.of(CATALOG.get("grass"));
        assertMessage(() -> new HeightField(1, 2, 1, 0, 0, new float[2], null, one), "1 x 2");
        assertMessage(() -> new HeightField(2, 2, 0, 0, 0, new float[4], null, one), "cellSizeM = 0.0");
        assertMessage(() -> new HeightField(2, 2, 1, 0, 0, new float[3], null, one), "needs 4 heights, got 3");
        assertMessage(() -> new HeightField(2, 2, 1, 0, 0, new float[] {0, Float.NaN, 0, 0}, null, one), "column 1, row 0 is NaN");
        assertMessage(() -> new HeightField(2, 2, 1, 0, 0, new float[4], new byte[] {0, 0, 3, 0}, one), "material index 3 at column 0, row 1");
        assertMessage(() -> CATALOG.get("lava"), "unknown material 'lava': allowed are dry_asphalt, wet_asphalt, gravel, grass, snow, dry_sand, clay, mud");
        assertMessage(() -> ProceduralTerrain.slope(Math.PI / 2, 10, 1, one.get(0)), "slope angle");
        assertMessage(() -> new RigidSurface(-1, 10, 1.9, 0.97, 1.3, -0.5, 0.01), "peakMu = -1.0");
        assertMessage(() -> new DeformableSoil(1.1, 0, 0, 0, 0.5, 0.01), "both 0");
    }

    @Test
    void theRollingCourseIsSeededAndHasEveryOffRoadMaterial() {
        HeightField a = ProceduralTerrain.rollingCourse(new RandomStreams(5).stream("terrain"), 1000, 2, CATALOG);
        HeightField b = ProceduralTerrain.rollingCourse(new RandomStreams(5).stream("terrain"), 1000, 2, CATALOG);
        HeightField c = ProceduralTerrain.rollingCourse(new RandomStreams(6).stream("terrain"), 1000, 2, CATALOG);
        assertArrayEquals(a.heightsCopy(), b.heightsCopy());
        assertNotEquals(a.heightM(100, 100), c.heightM(100, 100));
        Set<String> seen = new HashSet<>();
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double x = -480; x <= 480; x += 4) {
            for (double y = -480; y <= 480; y += 4) {
                seen.add(a.material(x, y).name());
                min = Math.min(min, a.heightM(x, y));
                max = Math.max(max, a.heightM(x, y));
            }
        }
        assertEquals(Set.of("grass", "mud", "dry_sand", "gravel", "clay"), seen);
        assertTrue(max - min > 2 && max - min < 12, "a few metres of relief, got " + (max - min));
    }

    @Test
    void magicFormulaPeaksAtThePeakArgument() {
        for (Material m : CATALOG.all()) {
            if (m.surface() instanceof RigidSurface s) {
                double kPeak = s.peakSlipRatio();
                double atPeak = MagicFormula.value(kPeak, s.bX(), s.cX(), s.peakMu(), s.eX());
                assertEquals(s.peakMu(), atPeak, 1e-9, m.name());
                assertTrue(MagicFormula.value(kPeak * 0.9, s.bX(), s.cX(), s.peakMu(), s.eX()) < atPeak);
                assertTrue(MagicFormula.value(kPeak * 1.1, s.bX(), s.cX(), s.peakMu(), s.eX()) < atPeak);
                assertTrue(s.slidingMu() < s.peakMu(), m.name() + " slides below its peak");
            }
        }
    }
}
