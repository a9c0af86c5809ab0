package org.hilbridge.sim.terrain;

import java.util.Objects;

/** A terrain material: a name (as scenarios spell it) and how it meets a tire. */
public record Material(String name, SurfaceModel surface) {
    public Material {
        Objects.requireNonNull(name, "material name");
        Objects.requireNonNull(surface, "surface model of material " + name);
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("material name '" + name + "' is not allowed: use lower-case letters, digits and _");
        }
    }

    public boolean isDeformable() {
        return surface instanceof DeformableSoil;
    }
}
