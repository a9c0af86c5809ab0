package org.hilbridge.sim.sensor.lidar;

import java.util.Objects;
import org.hilbridge.sim.scene.Scene;

/**
 * Casts rays against a {@link Scene}: the terrain (exact bilinear patches under a maximum mip-map, see
 * {@link HeightFieldTracer}) and the solids on it (boxes, cylinders, squashed spheres through the scene's
 * {@link org.hilbridge.sim.scene.PrimitiveIndex}, see {@link PrimitiveTracer}). The terrain is traced first
 * and its hit bounds the search among the solids.
 *
 * <p>Building one copies the terrain's heights and materials into the acceleration structure (about
 * 9 bytes per height sample: heights, maxima, class and reflectivity); build it once per scene and share it.
 * Immutable and thread-safe; {@link #cast} allocates nothing (the caller owns the {@link RayHit}).
 */
public final class SceneRayCaster {
    private final Scene scene;
    private final HeightFieldTracer terrain;
    private final PrimitiveTracer solids;

    public SceneRayCaster(Scene scene) {
        this.scene = Objects.requireNonNull(scene, "scene");
        this.terrain = new HeightFieldTracer(scene.terrain());
        this.solids = new PrimitiveTracer(scene.primitives(), scene.index());
    }

    public Scene scene() {
        return scene;
    }

    /**
     * Casts the ray from (ox, oy, oz) along the unit vector (dx, dy, dz) (world frame, metres) and reports the
     * nearest surface closer than {@code maxRangeM}.
     *
     * @return true and {@code hit} filled with range, point, outward normal, semantic class and reflectivity;
     *         false if nothing lies within range ({@code hit} is then left in an unspecified state)
     */
    public boolean cast(double ox, double oy, double oz, double dx, double dy, double dz, double maxRangeM, RayHit hit) {
        double t = terrain.trace(ox, oy, oz, dx, dy, dz, maxRangeM, hit);
        double limit = Math.min(t, maxRangeM);
        // The terrain's result stays in `hit` unless a solid lies nearer; the solid tracer only writes on a hit.
        double ts = solids.trace(ox, oy, oz, dx, dy, dz, limit, hit);
        if (ts < limit) {
            t = ts;
        }
        if (!(t < maxRangeM)) {
            return false;
        }
        hit.rangeM = t;
        hit.xM = ox + dx * t;
        hit.yM = oy + dy * t;
        hit.zM = oz + dz * t;
        return true;
    }
}
