package org.hilbridge.sim.sensor.lidar;

import static org.hilbridge.sim.sensor.lidar.Fixtures.farBelow;
import static org.hilbridge.sim.sensor.lidar.Fixtures.grey;
import static org.hilbridge.sim.sensor.lidar.Fixtures.scene;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.random.RandomStreams;
import org.hilbridge.sim.random.SeededRandom;
import org.hilbridge.sim.scene.Primitive;
import org.hilbridge.sim.scene.Scene;
import org.hilbridge.sim.scene.SemanticClass;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.junit.jupiter.api.Test;

/**
 * Ray intersections against closed forms: the slab of a box face, the circle and disc of a cylinder, the
 * (squashed) sphere quadratic, a plane; and the accelerated height-field walk against a brute-force march
 * of {@link HeightField#heightM} (the bilinear patch itself).
 */
class SceneRayCasterTest {
    private static final double TOL = 1e-9;
    private final RayHit hit = new RayHit();

    @Test
    void boxFaceAtAKnownDistance() {
        // A box 2 m long (x), 4 m wide, centred at x = 20: its near face is the plane x = 19.
        SceneRayCaster c = new SceneRayCaster(scene(farBelow(), new Primitive.Box(20, 0, -1, 0, 1, 2, 3, SemanticClass.OBSTACLE, grey(0.6f))));
        assertTrue(c.cast(0, 0, 0.5, 1, 0, 0, 100, hit));
        assertEquals(19, hit.rangeM, TOL);
        assertNormal(-1, 0, 0);
        assertEquals(SemanticClass.OBSTACLE.id(), hit.semanticClassId);
        assertEquals(0.6f, hit.reflectivity);
        // Obliquely, 5 deg off in the horizontal plane: 19 / cos(5 deg), on the face at y = 19 tan(5 deg) = 1.66.
        double a = Math.toRadians(5);
        assertTrue(c.cast(0, 0, 0.5, Math.cos(a), Math.sin(a), 0, 100, hit));
        assertEquals(19 / Math.cos(a), hit.rangeM, TOL);
        assertEquals(19 * Math.tan(a), hit.yM, TOL);
        assertEquals(Math.cos(a), hit.cosIncidence(Math.cos(a), Math.sin(a), 0), TOL);
        // From above onto the top face (z = -1 + 3 = 2).
        assertTrue(c.cast(20.5, 0.5, 10, 0, 0, -1, 100, hit));
        assertEquals(8, hit.rangeM, TOL);
        assertNormal(0, 0, 1);
        // Just past the side: nothing.
        assertFalse(c.cast(0, 2.01, 0.5, 1, 0, 0, 100, hit));
    }

    @Test
    void yawedBoxFace() {
        // Yawed 90 deg, the 1 m half length lies along y and the 2 m half width along x: near face x = 18.
        SceneRayCaster c = new SceneRayCaster(scene(farBelow(), new Primitive.Box(20, 0, -1, Math.PI / 2, 1, 2, 3, SemanticClass.OBSTACLE, grey(0.6f))));
        assertTrue(c.cast(0, 0.9, 0.5, 1, 0, 0, 100, hit));
        assertEquals(18, hit.rangeM, TOL);
        assertNormal(-1, 0, 0);
        assertFalse(c.cast(0, 1.1, 0.5, 1, 0, 0, 100, hit));
        // Yawed 45 deg, a 1 x 1 half-size box shows a corner towards -x at x = 20 - sqrt(2).
        SceneRayCaster d = new SceneRayCaster(scene(farBelow(), new Primitive.Box(20, 0, -1, Math.PI / 4, 1, 1, 3, SemanticClass.OBSTACLE, grey(0.6f))));
        assertTrue(d.cast(0, 0.5, 0.5, 1, 0, 0, 100, hit));
        // The face through the corner (20 - sqrt 2, 0) at 45 deg: x = 20 - sqrt(2) + |y|.
        assertEquals(20 - Math.sqrt(2) + 0.5, hit.rangeM, TOL);
        assertNormal(-Math.sqrt(0.5), Math.sqrt(0.5), 0);
    }

    @Test
    void cylinderSideAndCap() {
        // Radius 0.5 at (10, 0), from z = 0 to 4.
        SceneRayCaster c = new SceneRayCaster(scene(farBelow(), new Primitive.Cylinder(10, 0, 0, 0.5, 4, SemanticClass.VEGETATION, grey(0.35f))));
        assertTrue(c.cast(0, 0, 1, 1, 0, 0, 100, hit));
        assertEquals(9.5, hit.rangeM, TOL);
        assertNormal(-1, 0, 0);
        // Off axis by 0.3 m: x = 10 - sqrt(0.5^2 - 0.3^2) = 9.6, normal (-0.8, 0.6, 0).
        assertTrue(c.cast(0, 0.3, 1, 1, 0, 0, 100, hit));
        assertEquals(9.6, hit.rangeM, TOL);
        assertNormal(-0.8, 0.6, 0);
        // Straight down onto the cap at z = 4.
        assertTrue(c.cast(10.2, 0.1, 9, 0, 0, -1, 100, hit));
        assertEquals(5, hit.rangeM, TOL);
        assertNormal(0, 0, 1);
        // Above the top, past the side: nothing.
        assertFalse(c.cast(0, 0, 4.5, 1, 0, 0, 100, hit));
        // Rising through the side and out below the top: a ray from (0, 0, 0) at an angle whose height at
        // x = 9.5 is 3.8 hits the side there.
        double len = Math.hypot(9.5, 3.8);
        assertTrue(c.cast(0, 0, 0, 9.5 / len, 0, 3.8 / len, 100, hit));
        assertEquals(len, hit.rangeM, TOL);
    }

    @Test
    void sphereAndSquashedSphere() {
        SceneRayCaster c = new SceneRayCaster(scene(farBelow(),
                new Primitive.Sphere(15, 0, 2, 1, 1.0, SemanticClass.VEGETATION, grey(0.55f)),
                new Primitive.Sphere(-15, 0, 0, 2, 0.5, SemanticClass.ROCK, grey(0.3f))));
        assertTrue(c.cast(0, 0, 2, 1, 0, 0, 100, hit));
        assertEquals(14, hit.rangeM, TOL);
        assertNormal(-1, 0, 0);
        // Arbitrary directions towards the sphere: t = b - sqrt(b^2 - (|c|^2 - r^2)), b = d . c.
        SeededRandom r = new SeededRandom(11);
        for (int k = 0; k < 200; k++) {
            // Aim at a point of the sphere's cross-section at x = 15 (radius 0.95 of its 1 m).
            double rho = 0.95 * Math.sqrt(r.nextDouble());
            double alpha = r.nextDouble(0, 2 * Math.PI);
            double ty = rho * Math.cos(alpha);
            double tz = 2 + rho * Math.sin(alpha);
            double n = Math.sqrt(15 * 15 + ty * ty + tz * tz);
            double dx = 15 / n;
            double dy = ty / n;
            double dz = tz / n;
            double b = dx * 15 + dz * 2;
            double expected = b - Math.sqrt(b * b - (15 * 15 + 2 * 2 - 1));
            assertTrue(c.cast(0, 0, 0, dx, dy, dz, 100, hit));
            assertEquals(expected, hit.rangeM, 1e-9);
            assertEquals(1, Math.sqrt(Math.pow(hit.xM - 15, 2) + Math.pow(hit.yM, 2) + Math.pow(hit.zM - 2, 2)), 1e-9);
            assertNormal((hit.xM - 15), hit.yM, hit.zM - 2);
        }
        assertEquals(SemanticClass.VEGETATION.id(), hit.semanticClassId);
        // The squashed rock (radius 2, vertical scale 0.5): its top is at z = 1, its side at x = -13.
        assertTrue(c.cast(-15, 0, 5, 0, 0, -1, 100, hit));
        assertEquals(4, hit.rangeM, TOL);
        assertNormal(0, 0, 1);
        assertTrue(c.cast(0, 0, 0, -1, 0, 0, 100, hit));
        assertEquals(13, hit.rangeM, TOL);
        assertEquals(SemanticClass.ROCK.id(), hit.semanticClassId);
        // Through the ellipse x^2 / 4 + z^2 = 1 at height 0.6: x = -15 + 2 sqrt(1 - 0.36) = -13.4.
        assertTrue(c.cast(0, 0, 0.6, -1, 0, 0, 100, hit));
        assertEquals(13.4, hit.rangeM, TOL);
        // Its normal is along the gradient (x / 4, 0, z) at x = 1.6, z = 0.6 from the centre.
        assertNormal(1.6 / 4, 0, 0.6);
    }

    @Test
    void aSlopeIsHitWhereThePlaneIs() {
        // A 10 deg slope z = x tan(10 deg): a level ray at height 3 meets it at x = 3 / tan(10 deg).
        double angle = Math.toRadians(10);
        HeightField slope = ProceduralTerrain.slope(angle, 200, 2, Fixtures.CATALOG.get("gravel"));
        SceneRayCaster c = new SceneRayCaster(new Scene(slope, List.of()));
        assertTrue(c.cast(0, 5, 3, 1, 0, 0, 100, hit));
        assertEquals(3 / Math.tan(angle), hit.rangeM, 1e-5);
        // Float32 heights: the normal to 1e-7.
        assertNormal(-Math.sin(angle), 0, Math.cos(angle), 1e-7);
        assertEquals(SemanticClass.GRAVEL.id(), hit.semanticClassId);
        assertEquals(0.30f, hit.reflectivity);
        // Nothing within range: the limit is exclusive and nothing is reported.
        assertFalse(c.cast(0, 5, 3, 1, 0, 0, 17, hit));
        assertFalse(c.cast(0, 5, 3, -1, 0, 0, 100, hit));
    }

    @Test
    void beyondTheEdgeTheGroundContinuesAtTheEdgeHeight() {
        // Heights 0 at x = 0 and 10 at x = 10; beyond x = 10 the ground stays at 10 (HeightField clamps).
        float[] h = {0, 10, 0, 10};
        HeightField ramp = new HeightField(2, 2, 10, 0, 0, h, null, List.of(Fixtures.CATALOG.get("grass")));
        SceneRayCaster c = new SceneRayCaster(new Scene(ramp, List.of()));
        assertTrue(c.cast(50, 5, 20, 0, 0, -1, 100, hit));
        assertEquals(10, hit.rangeM, TOL);
        assertNormal(0, 0, 1);
        // Level ray at 5 m from far outside (x = -40): crosses the flat exterior, hits the ramp at x = 5.
        assertTrue(c.cast(-40, 5, 5, 1, 0, 0, 100, hit));
        assertEquals(45, hit.rangeM, TOL);
    }

    @Test
    void theNearestOfGroundAndSolidsWins() {
        HeightField plane = Fixtures.plane("grass");
        // A rock behind a box, and the ground beyond both.
        Scene s = scene(plane, new Primitive.Box(10, 0, 0, 0, 0.5, 1, 2, SemanticClass.OBSTACLE, grey(0.6f)),
                new Primitive.Sphere(20, 0, 0, 2, 1, SemanticClass.ROCK, grey(0.3f)));
        SceneRayCaster c = new SceneRayCaster(s);
        assertTrue(c.cast(0, 0, 1, 1, 0, 0, 100, hit));
        assertEquals(9.5, hit.rangeM, TOL);
        assertEquals(SemanticClass.OBSTACLE.id(), hit.semanticClassId);
        // Descending at 1 in 25 from 2.5 m: clears the box (2.08 m over its far edge), meets the rock before
        // the ground (at x = 62.5).
        double n = Math.sqrt(1 + 0.04 * 0.04);
        assertTrue(c.cast(0, 0, 2.5, 1 / n, 0, -0.04 / n, 100, hit));
        assertEquals(SemanticClass.ROCK.id(), hit.semanticClassId);
        assertEquals(4, Math.pow(hit.xM - 20, 2) + Math.pow(hit.zM, 2), 1e-9);
        // Beside the box at 1 in 10: the ground at x = 10.
        double m = Math.sqrt(1 + 0.1 * 0.1);
        assertTrue(c.cast(0, 5, 1, 1 / m, 0, -0.1 / m, 100, hit));
        assertEquals(SemanticClass.GRASS.id(), hit.semanticClassId);
        assertEquals(10, hit.xM, 1e-9);
        assertEquals(0, hit.zM, 1e-9);
    }

    @Test
    void theAcceleratedWalkFindsWhatABruteForceMarchFinds() {
        // The rolling course, with scenery, against a 2 cm march over the patch heights and the solids'
        // inside tests: the walk may skip empty space but must never skip a surface.
        HeightField course = ProceduralTerrain.rollingCourse(new RandomStreams(3).stream("terrain"), 300, 1.0, Fixtures.CATALOG);
        SeededRandom r = new SeededRandom(5);
        List<Primitive> solids = new ArrayList<>();
        for (int k = 0; k < 60; k++) {
            double x = r.nextDouble(-170, 170);
            double y = r.nextDouble(-170, 170);
            double g = course.heightM(x, y);
            switch (k % 3) {
                case 0 -> solids.add(new Primitive.Box(x, y, g - 0.2, r.nextDouble(-3, 3), r.nextDouble(0.3, 3), r.nextDouble(0.3, 3), r.nextDouble(0.5, 4),
                        SemanticClass.OBSTACLE, grey(0.6f)));
                case 1 -> solids.add(new Primitive.Cylinder(x, y, g - 0.2, r.nextDouble(0.1, 1.5), r.nextDouble(1, 6), SemanticClass.VEGETATION, grey(0.35f)));
                default -> solids.add(new Primitive.Sphere(x, y, g + r.nextDouble(-0.5, 4), r.nextDouble(0.3, 3), r.nextDouble(0.4, 1),
                        SemanticClass.VEGETATION, grey(0.55f)));
            }
        }
        SceneRayCaster c = new SceneRayCaster(new Scene(course, solids));
        int hits = 0;
        int solidHits = 0;
        for (int k = 0; k < 600; k++) {
            // Origins over and beyond the field (it spans +-150 m).
            double ox = r.nextDouble(-170, 170);
            double oy = r.nextDouble(-170, 170);
            double oz = course.heightM(ox, oy) + r.nextDouble(0.3, 4);
            if (insideAny(solids, ox, oy, oz)) {
                continue;
            }
            double az = r.nextDouble(0, 2 * Math.PI);
            double el = Math.toRadians(r.nextDouble(-20, 8));
            double dx = Math.cos(el) * Math.cos(az);
            double dy = Math.cos(el) * Math.sin(az);
            double dz = Math.sin(el);
            boolean found = c.cast(ox, oy, oz, dx, dy, dz, 60, hit);
            double marched = Double.NaN;
            for (double t = 0; t < 60; t += 0.02) {
                double x = ox + dx * t;
                double y = oy + dy * t;
                double z = oz + dz * t;
                if (z <= course.heightM(x, y) || insideAny(solids, x, y, z)) {
                    marched = t;
                    break;
                }
            }
            if (found) {
                hits++;
                assertTrue(marched >= hit.rangeM - 1e-9 && marched <= hit.rangeM + 0.02 + 1e-9,
                        "ray " + k + ": cast " + hit + ", march " + marched);
                if (hit.semanticClassId >= SemanticClass.VEGETATION.id()) {
                    solidHits++;
                } else {
                    assertEquals(course.heightM(hit.xM, hit.yM), hit.zM, 1e-6);
                    Vec3 normal = course.normal(hit.xM, hit.yM, new Vec3());
                    assertNormal(normal.x, normal.y, normal.z);
                    assertEquals(SemanticClass.ofMaterial(course.material(hit.xM, hit.yM).name()).id(), hit.semanticClassId);
                }
            } else {
                assertTrue(Double.isNaN(marched) || marched > 60 - 0.02, "ray " + k + " missed, march hit at " + marched);
            }
        }
        assertTrue(hits > 300 && solidHits > 10, hits + " hits, " + solidHits + " on solids");
    }

    private static boolean insideAny(List<Primitive> solids, double x, double y, double z) {
        for (Primitive p : solids) {
            if (p instanceof Primitive.Box b) {
                double lx = x - b.centerXM();
                double ly = y - b.centerYM();
                double cos = Math.cos(b.yawRad());
                double sin = Math.sin(b.yawRad());
                if (Math.abs(cos * lx + sin * ly) <= b.halfLengthM() && Math.abs(-sin * lx + cos * ly) <= b.halfWidthM()
                        && z >= b.baseZM() && z <= b.baseZM() + b.heightM()) {
                    return true;
                }
            } else if (p instanceof Primitive.Cylinder cy) {
                double lx = x - cy.centerXM();
                double ly = y - cy.centerYM();
                if (lx * lx + ly * ly <= cy.radiusM() * cy.radiusM() && z >= cy.baseZM() && z <= cy.baseZM() + cy.heightM()) {
                    return true;
                }
            } else {
                Primitive.Sphere s = (Primitive.Sphere) p;
                double lx = x - s.centerXM();
                double ly = y - s.centerYM();
                double lz = (z - s.centerZM()) / s.verticalScale();
                if (lx * lx + ly * ly + lz * lz <= s.radiusM() * s.radiusM()) {
                    return true;
                }
            }
        }
        return false;
    }

    private void assertNormal(double x, double y, double z) {
        assertNormal(x, y, z, 1e-9);
    }

    private void assertNormal(double x, double y, double z, double tolerance) {
        double n = Math.sqrt(x * x + y * y + z * z);
        assertEquals(x / n, hit.normalX, tolerance, "normal x of " + hit);
        assertEquals(y / n, hit.normalY, tolerance, "normal y of " + hit);
        assertEquals(z / n, hit.normalZ, tolerance, "normal z of " + hit);
    }
}
