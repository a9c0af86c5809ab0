package org.hilbridge.sim.scene;

import java.util.Map;
import org.hilbridge.sim.terrain.Material;

/**
 * How each terrain material looks: linear RGB albedo, texture variation and 905 nm reflectivity. Visible
 * albedos are representative values for the surface types (broadband albedo tables, e.g. asphalt 0.05-0.1,
 * dry sand 0.3-0.45, fresh snow 0.8-0.9); 905 nm reflectances follow the shape of the USGS Spectral Library
 * (splib07) curves: vegetation bright in the near infrared, asphalt and wet soil dark, snow bright.
 */
public final class TerrainAppearance {
    private static final Map<String, Appearance> BY_MATERIAL = Map.of(
            "dry_asphalt", new Appearance(0.09f, 0.09f, 0.10f, 0.15f, 0.10f),
            "wet_asphalt", new Appearance(0.05f, 0.05f, 0.06f, 0.10f, 0.05f),
            "gravel", new Appearance(0.32f, 0.30f, 0.27f, 0.35f, 0.30f),
            "grass", new Appearance(0.10f, 0.20f, 0.06f, 0.30f, 0.50f),
            "snow", new Appearance(0.85f, 0.87f, 0.90f, 0.05f, 0.75f),
            "dry_sand", new Appearance(0.45f, 0.38f, 0.26f, 0.20f, 0.40f),
            "clay", new Appearance(0.35f, 0.20f, 0.13f, 0.25f, 0.30f),
            "mud", new Appearance(0.12f, 0.09f, 0.06f, 0.20f, 0.08f));
    /** Derived or custom materials look like a mid-grey soil. */
    private static final Appearance OTHER = new Appearance(0.2f, 0.18f, 0.15f, 0.25f, 0.25f);

    private TerrainAppearance() {
    }

    public static Appearance of(Material m) {
        Appearance a = BY_MATERIAL.get(m.name());
        if (a != null) {
            return a;
        }
        // Derived wet variants keep their base's colour, darker (water darkens surfaces).
        if (m.name().startsWith("wet_")) {
            Appearance base = BY_MATERIAL.get(m.name().substring(4));
            if (base != null) {
                return new Appearance(base.red() * 0.7f, base.green() * 0.7f, base.blue() * 0.7f, base.textureAmplitude(), base.infraredReflectivity() * 0.7f);
            }
        }
        return OTHER;
    }
}
