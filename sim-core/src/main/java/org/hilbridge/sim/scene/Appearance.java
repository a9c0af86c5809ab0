package org.hilbridge.sim.scene;

/**
 * How a surface looks and returns light: diffuse albedo per RGB channel in [0, 1] (linear), the amplitude
 * of its seeded texture variation (0 = flat colour), and its near-infrared reflectivity in [0, 1] (what a
 * 905 nm LiDAR sees as intensity).
 */
public record Appearance(float red, float green, float blue, float textureAmplitude, float infraredReflectivity) {
    public Appearance {
        check("red", red);
        check("green", green);
        check("blue", blue);
        check("textureAmplitude", textureAmplitude);
        check("infraredReflectivity", infraredReflectivity);
    }

    private static void check(String key, float v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException("appearance " + key + " = " + v + " is not allowed: it must be in [0, 1]");
        }
    }
}
