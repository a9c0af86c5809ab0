package org.hilbridge.hil.scenario;

import java.util.ArrayList;
import java.util.List;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.Material;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.RigidSurface;

/**
 * What the weather's surface condition does to the ground's materials (DESIGN: appearance and surface
 * condition go together; weather.surface sets the condition apart from the appearance).
 *
 * <pre>
 * surface | material                          | becomes
 * --------+-----------------------------------+---------------------------------------------------
 * DRY     | any                               | unchanged
 * WET     | dry_asphalt                       | wet_asphalt (catalog)
 * WET     | clay                              | mud (catalog: the same heavy clay at 40 % moisture
 *         |                                   |   instead of 25 %; rain softens soil)
 * WET     | grass                             | wet_grass: grass with peak_mu x 0.8
 * WET     | gravel                            | wet_gravel: gravel with peak_mu x 0.9
 * WET     | dry_sand                          | unchanged: wet sand is firmer than dry (capillary
 *         |                                   |   cohesion), so dry sand is the cautious model
 * WET     | wet_asphalt, mud, snow            | unchanged (already wet)
 * WET     | a scenario's custom material      | unchanged: it is the author's own measurement
 * SNOW    | any                               | snow (packed snow covers everything)
 * </pre>
 * The wet grass and gravel factors are our estimates (the references of MaterialCatalog give no wet values
 * for them).
 */
public final class WeatherSurfaces {
    static final double WET_GRASS_PEAK_FACTOR = 0.8;
    static final double WET_GRAVEL_PEAK_FACTOR = 0.9;

    private WeatherSurfaces() {
    }

    /** The surface condition a weather brings when the scenario does not set one: rain wets, snow lays snow. */
    public static Weather.Surface surfaceFor(Weather.Condition condition) {
        switch (condition) {
            case RAIN:
                return Weather.Surface.WET;
            case SNOW:
                return Weather.Surface.SNOW;
            default:
                return Weather.Surface.DRY;
        }
    }

    /** {@code material} under {@code surface}, by the table in the class comment. */
    public static Material apply(Weather.Surface surface, Material material) {
        MaterialCatalog catalog = MaterialCatalog.standard();
        switch (surface) {
            case SNOW:
                return catalog.get("snow");
            case WET:
                switch (material.name()) {
                    case "dry_asphalt":
                        return catalog.get("wet_asphalt");
                    case "clay":
                        return catalog.get("mud");
                    case "grass":
                        return wetter("wet_grass", material, WET_GRASS_PEAK_FACTOR);
                    case "gravel":
                        return wetter("wet_gravel", material, WET_GRAVEL_PEAK_FACTOR);
                    default:
                        return material;
                }
            default:
                return material;
        }
    }

    /** The same ground with every material of its palette under {@code surface}. */
    public static HeightField apply(Weather.Surface surface, HeightField ground) {
        List<Material> palette = new ArrayList<>();
        for (Material m : ground.palette()) {
            palette.add(apply(surface, m));
        }
        return ground.withPalette(palette);
    }

    private static Material wetter(String name, Material dry, double peakFactor) {
        RigidSurface r = (RigidSurface) dry.surface();
        return new Material(name, new RigidSurface(r.peakMu() * peakFactor, r.bX(), r.cX(), r.eX(), r.cY(), r.eY(), r.rollingResistanceCoeff()));
    }
}
