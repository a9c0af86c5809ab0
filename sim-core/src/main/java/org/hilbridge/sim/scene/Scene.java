package org.hilbridge.sim.scene;

import java.util.List;
import java.util.Objects;
import org.hilbridge.sim.terrain.HeightField;

/**
 * What cameras and LiDARs see: the terrain (a height field with materials) and the solids on it, with a
 * spatial index over the solids. Immutable, shared by every sensor and every render thread.
 */
public final class Scene {
    private final HeightField terrain;
    private final List<Primitive> primitives;
    private final PrimitiveIndex index;

    public Scene(HeightField terrain, List<Primitive> primitives) {
        this.terrain = Objects.requireNonNull(terrain, "terrain");
        this.primitives = List.copyOf(primitives);
        this.index = new PrimitiveIndex(this.primitives, PrimitiveIndex.DEFAULT_CELL_M);
    }

    public HeightField terrain() {
        return terrain;
    }

    public List<Primitive> primitives() {
        return primitives;
    }

    public PrimitiveIndex index() {
        return index;
    }
}
