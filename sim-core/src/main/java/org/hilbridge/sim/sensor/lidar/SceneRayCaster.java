package org.hilbridge.sim.sensor.lidar;

import java.util.Objects;
import org.hilbridge.sim.scene.Scene;

/**
 * Casts rays against a {@link Scene}: the terrain's exact bilinear patches and the solids on it (upright
 * boxes, cylinders with caps, squashed spheres), under one maximum mip-map (see {@link SceneTracer}).
 *
 * <p>Building one copies the terrain's heights and materials into the acceleration structure (about
 * 17 bytes per height sample: heights, maxima, class, reflectivity and the per-cell solid lists) and takes
 * some 0.2 s for a million samples; build it once per scene and share it between sensors.
 * Immutable and thread-safe; {@link #cast} allocates nothing (the caller owns the {@link RayHit}).
 */
public final class SceneRayCaster {
    private final Scene scene;
    private final SceneTracer tracer;

    public SceneRayCaster(Scene scene) {
        this.scene = Objects.requireNonNull(scene, "scene");
        this.tracer = new SceneTracer(scene.terrain(), scene.primitives());
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
        double t = tracer.trace(ox, oy, oz, dx, dy, dz, maxRangeM, hit);
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
