package org.hilbridge.sim.scene;

import java.util.Locale;

/**
 * Semantic class ids written into the camera's label image and the LiDAR's points. The ids are stable
 * (they travel on the wire and into recorded data): never renumber, only append.
 *
 * <pre>
 * id  class          what
 *  0  unlabeled      nothing hit (beyond range)
 *  1  sky            the sky dome
 *  2  dry_asphalt    terrain materials, one id each (2 .. 9)
 *  3  wet_asphalt
 *  4  gravel
 *  5  grass
 *  6  snow
 *  7  dry_sand
 *  8  clay
 *  9  mud
 * 10  terrain_other  terrain of a custom or derived material (wet_grass, a scenario's own)
 * 11  vegetation     trees (trunk and crown) and bushes
 * 12  rock           rocks
 * 13  obstacle       the scenario's obstacles
 * 14  vehicle        vehicles (the ego vehicle is not drawn)
 * </pre>
 */
public enum SemanticClass {
    UNLABELED(0), SKY(1), DRY_ASPHALT(2), WET_ASPHALT(3), GRAVEL(4), GRASS(5), SNOW(6), DRY_SAND(7), CLAY(8), MUD(9),
    TERRAIN_OTHER(10), VEGETATION(11), ROCK(12), OBSTACLE(13), VEHICLE(14);

    private final int id;

    SemanticClass(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The class of a terrain material by its name; materials outside the standard catalog are terrain_other. */
    public static SemanticClass ofMaterial(String materialName) {
        for (SemanticClass c : values()) {
            if (c.id >= 2 && c.id <= 9 && c.name().toLowerCase(Locale.ROOT).equals(materialName)) {
                return c;
            }
        }
        return TERRAIN_OTHER;
    }

    public static SemanticClass ofId(int id) {
        for (SemanticClass c : values()) {
            if (c.id == id) {
                return c;
            }
        }
        throw new IllegalArgumentException("semantic class id " + id + " is not defined: ids are 0 to " + (values().length - 1));
    }
}
