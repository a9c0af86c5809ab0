package org.hilbridge.augment.photometric;

import static org.hilbridge.augment.photometric.PhotometricSpace.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.TestFrames;
import org.hilbridge.augment.param.ParameterSet;
import org.hilbridge.sim.sensor.camera.CameraImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The relighting reads each pixel's own normal: the scene pass's relit radiance of pixel (u, v) is its decoded
 * radiance times {@link SceneRow#relightRatio} of the normal that sim-core's renderer gives through its per-pixel
 * accessor ({@link CameraImage#normal(int, int, int)}, which does not depend on how the normals are laid out in the
 * array the augmentation reads), in both paths (the plain loop, and {@link RelightVector} on the row's normals split
 * into planes), on a real render with terrain, trees, rocks and sky, at a width that leaves a scalar tail.
 */
@Timeout(60)
class RelightTest {
    @Test
    void eachPixelIsRelitFromItsOwnRenderedNormal() {
        AugmentInput in = TestFrames.render(203, 77);
        CameraImage image = (CameraImage) in.owner();
        int w = in.width();
        SrgbCurve srgb = new SrgbCurve();
        Overlay none = new Overlay();
        none.reset();
        none.index(w, in.height(), in.depthM());
        for (ParameterSet p : new ParameterSet[] {
                SPACE.of(Map.of(LIGHT_SUN_SCALE, 0.6)),
                SPACE.of(Map.of(LIGHT_SKY_SCALE, 0.3, LIGHT_SUN_ELEVATION_DELTA_DEG, -20.0))}) {
            FrameConstants f = new FrameConstants().set(in, Settings.of(p), 5, 0.2f);
            assertTrue(f.relight && !f.fog && !f.wet, "relighting alone: " + p);
            for (boolean vector : new boolean[] {false, true}) {
                SceneRow scene = new SceneRow(srgb, vector);
                PlanarRow row = new PlanarRow();
                int lit = 0;
                for (int v = 0; v < in.height(); v++) {
                    row.ensure(w);
                    scene.compute(f, none, v, row);
                    float[][] planes = {row.r, row.g, row.b};
                    for (int u = 0; u < w; u++) {
                        float nx = image.normal(u, v, 0), ny = image.normal(u, v, 1), nz = image.normal(u, v, 2);
                        float ratio = SceneRow.relightRatio(f, nx, ny, nz);
                        lit += ratio != f.skyScale ? 1 : 0;
                        for (int c = 0; c < 3; c++) {
                            float expected = srgb.linear(in.rgb8()[3 * (v * w + u) + c]) * ratio;
                            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(planes[c][u]),
                                    "pixel (" + u + ", " + v + ") channel " + c + ", normal (" + nx + ", " + ny + ", " + nz + "), "
                                            + (vector ? "vector" : "plain") + " path, parameters " + p);
                        }
                    }
                }
                assertTrue(lit > w * in.height() / 4, "the render has surfaces with normals: " + lit);
            }
        }
    }
}
