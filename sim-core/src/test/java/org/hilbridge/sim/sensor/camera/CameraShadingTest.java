package org.hilbridge.sim.sensor.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.scene.Appearance;
import org.hilbridge.sim.scene.Primitive;
import org.hilbridge.sim.scene.Scene;
import org.hilbridge.sim.scene.SemanticClass;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.Material;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.junit.jupiter.api.Test;

/**
 * Light and shadow where geometry puts them. On level snow (texture amplitude 0.05, so the texture cannot
 * mask a shadow) a sunlit point receives sun * cos(incidence) + sky light and a shadowed one the sky light
 * alone (Lambert's cosine law); a point is in shadow exactly when the straight line from it towards the sun
 * meets a solid or the ground, which the tests work out by hand for boxes and a ridge.
 */
class CameraShadingTest {
    private static final Material SNOW = MaterialCatalog.standard().get("snow");
    private static final Appearance GREY = new Appearance(0.5f, 0.5f, 0.5f, 0f, 0.5f);

    /** Sun from the east (azimuth 90 degrees: +x) at the given elevation. */
    private static CameraParams camera(double sunElevationDeg) {
        CameraParams.Lighting light = new CameraParams.Lighting(90, sunElevationDeg, new CameraParams.Rgb(1, 1, 1), new CameraParams.Rgb(0.5, 0.6, 0.8), 0.4);
        return CameraParams.fromFieldOfView(320, 240, 60).withLighting(light);
    }

    /** Looking along +x from (0, 0, heightM), pitched down. */
    private static CameraImage render(CameraRenderer renderer, double heightM, double pitchDeg) {
        return renderer.render(new Vec3(0, 0, heightM), new Rotation().setYawPitchRoll(0, Math.toRadians(pitchDeg), 0));
    }

    private static int luma(CameraImage image, int u, int v) {
        return image.rgb(u, v, 0) + image.rgb(u, v, 1) + image.rgb(u, v, 2);
    }

    /** World point seen at pixel (u, v): camera (0, 0, h), yaw 0, pitched down by theta. */
    private static double[] hitPoint(CameraModel model, CameraImage image, int u, int v, double heightM, double pitchDeg) {
        double t = image.depthM(u, v);
        double th = Math.toRadians(pitchDeg);
        double xr = model.rayX(u, v);
        double yr = model.rayY(u, v);
        // Body-frame direction (1, -x', -y') pitched down about y by theta.
        double bx = 1;
        double bz = -yr;
        return new double[] {t * (bx * Math.cos(th) + bz * Math.sin(th)), -t * xr, heightM + t * (-bx * Math.sin(th) + bz * Math.cos(th))};
    }

    @Test
    void groundInABoxsShadowIsDarkerThanTheSameGroundInTheSun() {
        // A 2 m box over x in [11, 13], y in [-1, 1]; sun from the east at 45 degrees: the line from a ground
        // point (x, y, 0) towards the sun rises 1 m per metre east, so it meets the box exactly when |y| <= 1 and
        // 9 <= x <= 11.
        HeightField flat = ProceduralTerrain.plane(120, 1, SNOW);
        Primitive.Box box = new Primitive.Box(12, 0, 0, 0, 1, 1, 2, SemanticClass.OBSTACLE, GREY);
        CameraRenderer renderer = new CameraRenderer(camera(45), new Scene(flat, List.of(box)), Runnable::run, 1);
        CameraImage image = render(renderer, 4, 12);
        int darkestLit = Integer.MAX_VALUE;
        int brightestShadow = -1;
        int lit = 0;
        int shadow = 0;
        for (int v = 0; v < 240; v++) {
            for (int u = 0; u < 320; u++) {
                if (image.semanticClass(u, v) != SemanticClass.SNOW) {
                    continue;
                }
                double[] p = hitPoint(renderer.model(), image, u, v, 4, 12);
                assertEquals(0, p[2], 1e-3, "ground hit at pixel " + u + ", " + v);
                boolean inShadow = Math.abs(p[1]) < 0.9 && p[0] > 9.1 && p[0] < 10.9;
                boolean inSun = (Math.abs(p[1]) > 1.1 || p[0] < 8.9) && p[0] > 5 && p[0] < 30;
                if (inShadow) {
                    shadow++;
                    brightestShadow = Math.max(brightestShadow, luma(image, u, v));
                } else if (inSun) {
                    lit++;
                    darkestLit = Math.min(darkestLit, luma(image, u, v));
                }
            }
        }
        assertTrue(shadow > 200 && lit > 2000, "pixels: " + shadow + " in shadow, " + lit + " in the sun");
        assertTrue(brightestShadow < darkestLit * 0.75, "brightest shadowed " + brightestShadow + " vs darkest sunlit " + darkestLit);
    }

    @Test
    void aRidgeShadesTheGroundAndABoxBehindIt() {
        // A ridge 3 m high along y at x = 20 (h = max(0, 3 - |x - 20|)); sun from the east at 30 degrees: the
        // ridge's shadow reaches 3 / tan(30 deg) = 5.20 m west of its crest, to x = 14.80; at x = 16 the shadow
        // is 3 - 4 tan(30 deg) = 0.69 m deep, over the top (0.5 m) of a box there. A second box at x = 9 is in
        // the sun.
        int columns = 121;
        int rows = 41;
        float[] h = new float[columns * rows];
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < columns; i++) {
                h[j * columns + i] = (float) Math.max(0, 3 - Math.abs(-40 + i - 20));
            }
        }
        HeightField ridge = new HeightField(columns, rows, 1, -40, -20, h, null, List.of(SNOW));
        Primitive.Box shaded = new Primitive.Box(16, -1.5, 0, 0, 0.4, 0.4, 0.5, SemanticClass.OBSTACLE, GREY);
        Primitive.Box sunny = new Primitive.Box(9, 1.5, 0, 0, 0.4, 0.4, 0.5, SemanticClass.OBSTACLE, GREY);
        CameraRenderer renderer = new CameraRenderer(camera(30), new Scene(ridge, List.of(shaded, sunny)), Runnable::run, 1);
        CameraImage image = render(renderer, 3, 10);
        int darkestLitGround = Integer.MAX_VALUE;
        int brightestShadowGround = -1;
        int shadedTop = -1;
        int sunnyTop = Integer.MAX_VALUE;
        int counts = 0;
        for (int v = 0; v < 240; v++) {
            for (int u = 0; u < 320; u++) {
                double[] p = hitPoint(renderer.model(), image, u, v, 3, 10);
                SemanticClass c = image.semanticClass(u, v);
                if (c == SemanticClass.SNOW && Math.abs(p[2]) < 1e-3 && Math.abs(p[1]) < 12) {
                    boolean nearBox = Math.abs(p[1]) > 0.5 && Math.abs(p[1]) < 2.5;
                    if (p[0] > 15.1 && p[0] < 16.8 && !nearBox) {
                        brightestShadowGround = Math.max(brightestShadowGround, luma(image, u, v));
                        counts++;
                    } else if (p[0] > 10.5 && p[0] < 14.4 && !nearBox) {
                        darkestLitGround = Math.min(darkestLitGround, luma(image, u, v));
                    }
                } else if (c == SemanticClass.OBSTACLE && Math.abs(p[2] - 0.5) < 1e-3) {
                    // Top faces, away from their edges.
                    if (Math.abs(p[0] - 16) < 0.3 && Math.abs(p[1] + 1.5) < 0.3) {
                        shadedTop = Math.max(shadedTop, luma(image, u, v));
                    } else if (Math.abs(p[0] - 9) < 0.3 && Math.abs(p[1] - 1.5) < 0.3) {
                        sunnyTop = Math.min(sunnyTop, luma(image, u, v));
                    }
                }
            }
        }
        assertTrue(counts > 100, "shadowed ground pixels: " + counts);
        assertTrue(brightestShadowGround < darkestLitGround * 0.75, "ground: brightest shadowed " + brightestShadowGround + " vs darkest sunlit " + darkestLitGround);
        assertTrue(shadedTop >= 0 && sunnyTop < Integer.MAX_VALUE, "both box tops seen");
        assertTrue(shadedTop < sunnyTop * 0.75, "box tops: shadowed " + shadedTop + " vs sunlit " + sunnyTop);
    }

    @Test
    void withTheSunDownOnlySkyLightRemainsAndTheSkyHasItsColour() {
        HeightField flat = ProceduralTerrain.plane(120, 1, SNOW);
        CameraRenderer day = new CameraRenderer(camera(40), new Scene(flat, List.of()), Runnable::run, 1);
        CameraRenderer night = new CameraRenderer(camera(-5), new Scene(flat, List.of()), Runnable::run, 1);
        CameraImage lit = render(day, 2, 10);
        CameraImage dark = render(night, 2, 10);
        assertTrue(luma(dark, 160, 200) < luma(lit, 160, 200) * 0.6, "sun down darkens the ground");
        // Sky pixels are the sky colour, sRGB-encoded: linear 0.5 -> 188 (IEC 61966-2-1).
        assertEquals(SemanticClass.SKY, lit.semanticClass(160, 2));
        assertEquals(188, lit.rgb(160, 2, 0));
    }
}
