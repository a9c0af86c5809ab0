package org.hilbridge.hil.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.hilbridge.hil.config.BridgeKeys;
import org.hilbridge.hil.config.ConfigFiles;
import org.hilbridge.hil.config.ConfigLayers;
import org.hilbridge.hil.config.ConfigOverride;
import org.hilbridge.hil.config.ConfigTree;
import org.hilbridge.hil.config.NumberText;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.vehicle.VehicleParams;
import org.hilbridge.sim.world.World;

/**
 * Loads a scenario file (launch/scenarios/README.md documents its keys), applies the environment and --set
 * overrides of scenario keys (every key outside {@link BridgeKeys#ROOTS}), checks every key and value, and
 * builds the world: terrain made or read, weather applied to its materials, obstacles placed.
 */
public final class ScenarioLoader {
    private static final ConfigLayers LAYERS = new ConfigLayers(ScenarioKeys.SCHEMA, BridgeKeys.SCHEMA.leafPatterns(),
            "it is a bridge configuration key: give it in the bridge configuration, the environment or --set");
    static final double DEFAULT_GOAL_RADIUS_M = 3;

    private final Map<String, String> environment;

    /** @param environment the process environment: HILBRIDGE__A__B=value sets key a.b */
    public ScenarioLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * @param yamlFile  the scenario file (.yaml or .yml); terrain files are relative to its folder
     * @param overrides the --set arguments, each key=value (all of them: bridge keys are skipped here)
     * @throws IOException     the scenario or its terrain file cannot be read
     * @throws org.hilbridge.hil.config.ConfigException an unknown key or a value that is not allowed
     */
    public Scenario load(Path yamlFile, List<String> overrides) throws IOException {
        BaseHierarchicalConfiguration file = ConfigFiles.read(yamlFile);
        SensorSection.addDefaultIfAbsent(file);
        ConfigTree c = LAYERS.merge(file, yamlFile.toString(), ConfigOverride.select(environment, overrides, BridgeKeys.ROOTS, false));

        String name = c.text("name", baseName(yamlFile));
        long seed = c.integer("seed");
        double durationS = c.number("duration_s");
        Weather weather = weather(c);
        HeightField ground = new TerrainSection(c, yamlFile.toAbsolutePath().getParent(), MaterialSection.read(c)).build(seed);
        ground = WeatherSurfaces.apply(weather.surface(), ground);
        TerrainExtent extent = TerrainExtent.of(ground);
        World world = new World(ground).withObstacles(ObstacleSection.read(c, extent));

        Scenario.InitialPose initial = new Scenario.InitialPose(initial(c, "vehicle.initial.x_m", extent), initial(c, "vehicle.initial.y_m", extent),
                StrictMath.toRadians(c.number("vehicle.initial.yaw_deg", 0)), c.number("vehicle.initial.speed_mps", 0));
        List<Scenario.SensorSpec> sensors = SensorSection.read(c);
        Scenario.Goal goal = goal(c, extent);
        return new Scenario(name, seed, durationS, world, weather, vehicle(c), initial, sensors, route(c, extent), goal,
                FaultSection.read(c, durationS, sensors), criteria(c, goal, durationS),
                AugmentSection.read(c, seed, yamlFile.toAbsolutePath().getParent(), weather));
    }

    private static String baseName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static Weather weather(ConfigTree c) {
        Weather.Condition condition = Weather.Condition.valueOf(c.text("weather.condition", "clear").toUpperCase(Locale.ROOT));
        double intensity = c.number("weather.intensity", condition == Weather.Condition.CLEAR ? 0 : 0.5);
        String surface = c.text("weather.surface", "auto");
        return new Weather(condition, intensity,
                surface.equals("auto") ? WeatherSurfaces.surfaceFor(condition) : Weather.Surface.valueOf(surface.toUpperCase(Locale.ROOT)));
    }

    private static VehicleParams vehicle(ConfigTree c) {
        VehicleParams preset = c.text("vehicle.model", "off_road_utility").equals("small_car") ? VehicleParams.smallCar() : VehicleParams.offRoadUtility();
        return preset.withDrivetrain(preset.drivetrain().withAbs(c.bool("vehicle.abs", false)));
    }

    /** A coordinate that must lie on the terrain: an x_m key along x, a y_m key along y. */
    private static double onTerrain(ConfigTree c, String key, TerrainExtent extent) {
        double v = c.number(key);
        if (!(key.endsWith("x_m") ? extent.containsX(v) : extent.containsY(v))) {
            throw c.notAllowed(key, "it lies off the terrain, which spans " + extent);
        }
        return v;
    }

    /** The initial pose's coordinate: 0 when not given, which must then lie on the terrain too. */
    private static double initial(ConfigTree c, String key, TerrainExtent extent) {
        if (c.has(key)) {
            return onTerrain(c, key, extent);
        }
        if (!(key.endsWith("x_m") ? extent.containsX(0) : extent.containsY(0))) {
            throw c.missing(key, "its default 0 lies off the terrain, which spans " + extent);
        }
        return 0;
    }

    private static List<Scenario.Waypoint> route(ConfigTree c, TerrainExtent extent) {
        List<Scenario.Waypoint> route = new ArrayList<>();
        for (int i = 0; i < c.size("route"); i++) {
            String p = "route(" + i + ")";
            route.add(new Scenario.Waypoint(onTerrain(c, p + ".x_m", extent), onTerrain(c, p + ".y_m", extent)));
        }
        return route;
    }

    private static Scenario.Goal goal(ConfigTree c, TerrainExtent extent) {
        if (!c.hasGroup("goal")) {
            return null;
        }
        return new Scenario.Goal(onTerrain(c, "goal.x_m", extent), onTerrain(c, "goal.y_m", extent), c.number("goal.radius_m", DEFAULT_GOAL_RADIUS_M));
    }

    private static Scenario.Criteria criteria(ConfigTree c, Scenario.Goal goal, double durationS) {
        boolean goalReached = c.bool("criteria.goal_reached", false);
        if (goalReached && goal == null) {
            throw c.notAllowed("criteria.goal_reached", "the scenario has no goal (give goal.x_m and goal.y_m)");
        }
        double maxTimeS = Double.NaN;
        if (c.has("criteria.max_time_to_goal_s")) {
            if (!goalReached) {
                throw c.notAllowed("criteria.max_time_to_goal_s", "it applies only with criteria.goal_reached: true");
            }
            maxTimeS = c.number("criteria.max_time_to_goal_s");
            if (maxTimeS > durationS) {
                throw c.notAllowed("criteria.max_time_to_goal_s", "the scenario ends at duration_s = " + NumberText.of(durationS) + " s");
            }
        }
        return new Scenario.Criteria(goalReached, maxTimeS, c.bool("criteria.no_collision", false), c.bool("criteria.watchdog_stop_expected", false));
    }
}
