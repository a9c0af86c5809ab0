package org.hilbridge.hil.scenario;

import static org.hilbridge.hil.config.ConfigErrors.assertConfigError;
import static org.hilbridge.hil.scenario.ScenarioFiles.MINIMAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hilbridge.sim.random.RandomStreams;
import org.hilbridge.sim.sensor.SensorMount;
import org.hilbridge.sim.terrain.DeformableSoil;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.terrain.RigidSurface;
import org.hilbridge.sim.world.BoxObstacle;
import org.hilbridge.sim.world.CylinderObstacle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {
    @TempDir
    Path dir;

    private ScenarioFiles files;

    @BeforeEach
    void setUp() {
        files = new ScenarioFiles(dir);
    }

    private static HeightField ground(Scenario s) {
        return (HeightField) s.world().terrain();
    }

    @Test
    void aMinimalScenarioGetsTheDocumentedDefaults() throws IOException {
        Scenario s = files.load(MINIMAL);
        assertEquals("scenario", s.name(), "the file's base name");
        assertEquals(1, s.seed());
        assertEquals(60, s.durationS());
        assertEquals(Weather.clear(), s.weather());
        assertEquals("off_road_utility", s.vehicle().name());
        assertFalse(s.vehicle().drivetrain().absEnabled());
        assertEquals(new Scenario.InitialPose(0, 0, 0, 0), s.initial());
        assertEquals(List.of(new Scenario.SensorSpec("ground_truth", "ground_truth", 50, "base_link", SensorMount.atBaseLink())), s.sensors());
        assertEquals(List.of(), s.route());
        assertNull(s.goal());
        assertEquals(List.of(), s.faults());
        assertEquals(List.of(), s.world().obstacles());
        assertFalse(s.criteria().goalReached() || s.criteria().noCollision() || s.criteria().watchdogStopExpected());
        assertTrue(Double.isNaN(s.criteria().maxTimeToGoalS()));
        HeightField g = ground(s);
        assertEquals(400, g.widthM());
        assertEquals(-200, g.originXM());
        assertEquals("dry_asphalt", g.material(0, 0).name());
    }

    @Test
    void everyKeyOfTheExampleInTheReadmeIsRead() throws IOException {
        Scenario s = files.load("""
                name: all_keys
                seed: 9
                duration_s: 120
                terrain: {type: plane, size_m: 300, cell_size_m: 5, material: my_gravel}
                materials:
                  my_gravel: {like: gravel, peak_mu: 0.5, rolling_resistance_coeff: 0.03}
                weather: {condition: fog, intensity: 0.7, surface: auto}
                vehicle:
                  model: small_car
                  abs: true
                  initial: {x_m: 5, y_m: -3, yaw_deg: 90, speed_mps: 2.5}
                sensors:
                  - {name: gt, type: ground_truth, rate_hz: 100, frame_id: base_link, mount: {x_m: 1, y_m: 0.5, z_m: 2, roll_deg: 0, pitch_deg: 10, yaw_deg: -90}}
                obstacles:
                  - {type: box, name: crate_1, x_m: 10, y_m: 2, yaw_deg: 45, length_m: 1, width_m: 2, height_m: 1}
                  - {type: cylinder, x_m: 20, y_m: -1, radius_m: 0.2, height_m: 2}
                route: [{x_m: 0, y_m: 0}, {x_m: 50, y_m: 0}]
                goal: {x_m: 100, y_m: 0, radius_m: 4}
                faults:
                  - {kind: command_loss, at_s: 10, duration_s: 2}
                  - {kind: sensor_latency, at_s: 20, duration_s: 5, target: gt, magnitude: 0.05}
                criteria: {goal_reached: true, max_time_to_goal_s: 40, no_collision: true, watchdog_stop_expected: true}
                """);
        assertEquals("all_keys", s.name());
        assertEquals(9, s.seed());
        assertEquals(120, s.durationS());
        assertEquals(300, ground(s).widthM());
        assertEquals(5, ground(s).cellSizeM());
        RigidSurface myGravel = (RigidSurface) ground(s).material(0, 0).surface();
        assertEquals("my_gravel", ground(s).material(0, 0).name());
        assertEquals(0.5, myGravel.peakMu());
        assertEquals(0.03, myGravel.rollingResistanceCoeff());
        assertEquals(((RigidSurface) MaterialCatalog.standard().get("gravel").surface()).bX(), myGravel.bX(), "other parameters come from 'like'");
        assertEquals(new Weather(Weather.Condition.FOG, 0.7, Weather.Surface.DRY), s.weather());
        assertEquals("small_car", s.vehicle().name());
        assertTrue(s.vehicle().drivetrain().absEnabled());
        assertEquals(new Scenario.InitialPose(5, -3, StrictMath.PI / 2, 2.5), s.initial());
        assertEquals(List.of(new Scenario.SensorSpec("gt", "ground_truth", 100, "base_link",
                new SensorMount(1, 0.5, 2, 0, StrictMath.toRadians(10), StrictMath.toRadians(-90)))), s.sensors());
        assertEquals(List.of(new BoxObstacle("crate_1", 10, 2, StrictMath.PI / 4, 0.5, 1, 1), new CylinderObstacle("cylinder_1", 20, -1, 0.2, 2)),
                s.world().obstacles());
        assertEquals(List.of(new Scenario.Waypoint(0, 0), new Scenario.Waypoint(50, 0)), s.route());
        assertEquals(new Scenario.Goal(100, 0, 4), s.goal());
        assertEquals(List.of(new Scenario.FaultSpec("command_loss", 10, 2, null, 0), new Scenario.FaultSpec("sensor_latency", 20, 5, "gt", 0.05)), s.faults());
        assertEquals(new Scenario.Criteria(true, 40, true, true), s.criteria());
    }

    // ---- errors: each kind of bad key or value names where, the key, the value and what is allowed ----

    @Test
    void anUnknownKeyIsNamedWithTheClosestKnownOne() throws IOException {
        Path f = files.write(MINIMAL + "vehicel: {model: small_car}\n");
        assertConfigError(() -> new ScenarioLoader(Map.of()).load(f, List.of()), f + ": unknown key 'vehicel.model' (did you mean 'vehicle.model'?)");
        assertConfigError(() -> files.load(MINIMAL + "sensors:\n  - {name: a, type: ground_truth, rate_hz: 5}\n  - {name: b, type: ground_truth, rat_hz: 5}\n"),
                "unknown key 'sensors(1).rat_hz' (did you mean 'sensors(1).rate_hz'?)");
    }

    @Test
    void aBadNumberNamesTheFileKeyValueAndRange() throws IOException {
        Path f = files.write(MINIMAL + "vehicle: {initial: {speed_mps: fast}}\n");
        assertConfigError(() -> new ScenarioLoader(Map.of()).load(f, List.of()),
                f + ": key 'vehicle.initial.speed_mps' = 'fast' is not allowed: expected a number in [-50, 50]");
    }

    @Test
    void aNumberOutOfRangeIsAnError() {
        assertConfigError(() -> files.load(MINIMAL + "vehicle: {initial: {speed_mps: 60}}\n"),
                "key 'vehicle.initial.speed_mps' = '60' is not allowed: expected a number in [-50, 50]");
        assertConfigError(() -> files.load(MINIMAL.replace("duration_s: 60", "duration_s: 0")), "key 'duration_s' = '0' is not allowed: expected a number in (0, 86400]");
        assertConfigError(() -> files.load(MINIMAL, "seed=1.5"), "--set: key 'seed' = '1.5' is not allowed: expected a 64-bit integer");
    }

    @Test
    void anUnknownEnumerationValueListsTheAllowedOnes() {
        assertConfigError(() -> files.load(MINIMAL.replace("type: plane", "type: hill")),
                "key 'terrain.type' = 'hill' is not allowed: expected one of: plane, slope, rolling, file");
        assertConfigError(() -> files.load(MINIMAL + "weather: {condition: hail}\n"), "expected one of: clear, rain, snow, fog, night");
        assertConfigError(() -> files.load(MINIMAL + "vehicle: {model: tank}\n"), "expected one of: off_road_utility, small_car");
        assertConfigError(() -> files.load(MINIMAL + "faults: [{kind: meteor, at_s: 1}]\n"),
                "key 'faults(0).kind' = 'meteor' is not allowed: expected one of: sensor_dropout, sensor_latency");
    }

    @Test
    void aMissingRequiredKeySaysSo() throws IOException {
        Path f = files.write(MINIMAL.replace("seed: 1\n", ""));
        assertConfigError(() -> new ScenarioLoader(Map.of()).load(f, List.of()), f + ": required key 'seed' is missing");
        assertConfigError(() -> files.load("seed: 1\nduration_s: 5\n"), "required key 'terrain.type' is missing");
        assertConfigError(() -> files.load(MINIMAL.replace("material: dry_asphalt, ", "")), "required key 'terrain.material' is missing (terrain.type plane needs it)");
        assertConfigError(() -> files.load(MINIMAL.replace("plane", "slope")), "required key 'terrain.slope_deg' is missing (terrain.type slope needs it)");
        assertConfigError(() -> files.load(MINIMAL + "obstacles: [{type: box, x_m: 1, y_m: 1, length_m: 1, height_m: 1}]\n"),
                "required key 'obstacles(0).width_m' is missing (an obstacle of type box needs it)");
        assertConfigError(() -> files.load(MINIMAL + "route: [{x_m: 1}]\n"), "required key 'route(0).y_m' is missing");
    }

    @Test
    void aBadTerrainFilePathIsNamed() throws IOException {
        assertConfigError(() -> files.load("seed: 1\nduration_s: 5\nterrain: {type: file, file: terrain/nope.asc, material: grass}\n"),
                "key 'terrain.file' = 'terrain/nope.asc' is not allowed: no such file: " + dir.resolve("terrain/nope.asc"));
        assertConfigError(() -> files.load("seed: 1\nduration_s: 5\nterrain: {type: file, file: hill.tif, material: grass}\n"),
                "key 'terrain.file' = 'hill.tif' is not allowed: expected an .asc (ESRI ASCII grid) or .png (16-bit greyscale) height map");
    }

    @Test
    void aTerrainFileIsReadRelativeToTheScenariosFolder() throws IOException {
        Files.createDirectories(dir.resolve("terrain"));
        Files.writeString(dir.resolve("terrain/hill.asc"), "ncols 3\nnrows 3\nxllcorner -15\nyllcorner -15\ncellsize 10\n1 2 3\n4 5 6\n7 8 9\n");
        Scenario s = files.load("seed: 1\nduration_s: 5\nterrain: {type: file, file: terrain/hill.asc, material: grass}\n");
        assertEquals(3, ground(s).columns());
        assertEquals(5, ground(s).heightM(0, 0), 1e-6, "the centre sample");
        assertEquals("grass", ground(s).material(0, 0).name());
        assertConfigError(() -> files.load("seed: 1\nduration_s: 5\nterrain: {type: file, file: terrain/hill.asc, material: grass, cell_size_m: 2}\n"),
                "key 'terrain.cell_size_m' = '2' is not allowed: it applies to .png height maps only");
        Files.write(dir.resolve("terrain/flat.png"), new byte[0]);
        assertConfigError(() -> files.load("seed: 1\nduration_s: 5\nterrain: {type: file, file: terrain/flat.png, material: grass}\n"),
                "required key 'terrain.height_range_m' is missing (a .png height map needs it");
    }

    @Test
    void aPngHeightMapTakesItsGridAndVerticalScaleFromTheScenario() throws IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(3, 3, java.awt.image.BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setSample(1, 1, 0, 65535);
        javax.imageio.ImageIO.write(img, "png", dir.resolve("bump.png").toFile());
        Scenario s = files.load("seed: 1\nduration_s: 5\n"
                + "terrain: {type: file, file: bump.png, material: gravel, cell_size_m: 4, base_height_m: -1, height_range_m: 3}\n");
        assertEquals(8, ground(s).widthM(), "two cells of 4 m");
        assertEquals(2, ground(s).heightM(0, 0), 1e-6, "the centre pixel at full scale: -1 + 3");
        assertEquals(-1, ground(s).heightM(-4, -4), 1e-6, "a corner pixel at 0");
    }

    @Test
    void sensorNamesAreUniqueAndTypesKnown() {
        assertConfigError(() -> files.load(MINIMAL + """
                sensors:
                  - {name: gt, type: ground_truth, rate_hz: 50}
                  - {name: gt, type: ground_truth, rate_hz: 10}
                """), "key 'sensors(1).name' = 'gt' is not allowed: sensor names must be unique, and sensors(0) has it too");
        assertConfigError(() -> files.load(MINIMAL + "sensors: [{name: cam, type: sonar, rate_hz: 30}]\n"),
                "key 'sensors(0).type' = 'sonar' is not allowed: expected one of: ground_truth, imu, gnss, wheel_odometry, lidar, camera");
        assertConfigError(() -> files.load(MINIMAL + "sensors: [{name: imu, type: imu, rate_hz: 200, preset: vlp16}]\n"),
                "key 'sensors(0).preset' = 'vlp16' is not allowed: it belongs to lidar sensors, not to a imu sensor");
        assertConfigError(() -> files.load(MINIMAL + "sensors: [{name: gt, type: ground_truth, rate_hz: 2000}]\n"), "expected a number in (0, 1000]");
        assertConfigError(() -> files.load(MINIMAL + "sensors: [{name: 3d, type: ground_truth, rate_hz: 20}]\n"), "expected a name: a letter, then letters, digits or _");
    }

    @Test
    void obstacleNamesAreUniqueAndKeysFitTheirType() {
        assertConfigError(() -> files.load(MINIMAL + """
                obstacles:
                  - {type: cylinder, name: post, x_m: 1, y_m: 5, radius_m: 0.2, height_m: 1}
                  - {type: cylinder, name: post, x_m: 2, y_m: 5, radius_m: 0.2, height_m: 1}
                """), "key 'obstacles(1).name' = 'post' is not allowed: obstacle names must be unique, and obstacles(0) is called 'post' too");
        assertConfigError(() -> files.load(MINIMAL + """
                obstacles:
                  - {type: cylinder, name: box_1, x_m: 1, y_m: 5, radius_m: 0.2, height_m: 1}
                  - {type: box, x_m: 2, y_m: 5, length_m: 1, width_m: 1, height_m: 1}
                """), "key 'obstacles(0).name' = 'box_1' is not allowed: obstacle names must be unique, and it is the default name of obstacles(1)");
        assertConfigError(() -> files.load(MINIMAL + "obstacles: [{type: box, x_m: 1, y_m: 1, radius_m: 1, length_m: 1, width_m: 1, height_m: 1}]\n"),
                "key 'obstacles(0).radius_m' = '1' is not allowed: an obstacle of type box does not take it");
    }

    @Test
    void goalReachedNeedsAGoal() {
        assertConfigError(() -> files.load(MINIMAL + "criteria: {goal_reached: true}\n"),
                "key 'criteria.goal_reached' = 'true' is not allowed: the scenario has no goal");
        assertConfigError(() -> files.load(MINIMAL + "criteria: {max_time_to_goal_s: 10}\n"),
                "key 'criteria.max_time_to_goal_s' = '10' is not allowed: it applies only with criteria.goal_reached: true");
        assertConfigError(() -> files.load(MINIMAL + "goal: {x_m: 10, y_m: 0}\ncriteria: {goal_reached: true, max_time_to_goal_s: 100}\n"),
                "the scenario ends at duration_s = 60 s");
    }

    @Test
    void posesObstaclesRouteAndGoalMustLieOnTheTerrain() {
        String extent = "the terrain, which spans x [-200, 200] m, y [-200, 200] m";
        assertConfigError(() -> files.load(MINIMAL + "vehicle: {initial: {x_m: 500}}\n"),
                "key 'vehicle.initial.x_m' = '500' is not allowed: it lies off " + extent);
        assertConfigError(() -> files.load(MINIMAL + "vehicle: {initial: {y_m: -200.5}}\n"), "key 'vehicle.initial.y_m' = '-200.5' is not allowed");
        assertConfigError(() -> files.load(MINIMAL + "obstacles: [{type: cylinder, name: post, x_m: 199.9, y_m: 0, radius_m: 0.2, height_m: 1}]\n"),
                "key 'obstacles(0).x_m' = '199.9' is not allowed: obstacle 'post' must stand wholly on " + extent);
        assertConfigError(() -> files.load(MINIMAL + "route: [{x_m: 0, y_m: 0}, {x_m: 0, y_m: 300}]\n"), "key 'route(1).y_m' = '300' is not allowed: it lies off");
        assertConfigError(() -> files.load(MINIMAL + "goal: {x_m: -250, y_m: 0}\n"), "key 'goal.x_m' = '-250' is not allowed: it lies off");
    }

    @Test
    void theDefaultPoseMustLieOnAFileTerrainToo() throws IOException {
        Files.writeString(dir.resolve("far.asc"), "ncols 2\nnrows 2\nxllcorner 1000\nyllcorner 1000\ncellsize 10\n1 2\n3 4\n");
        assertConfigError(() -> files.load("seed: 1\nduration_s: 5\nterrain: {type: file, file: far.asc, material: grass}\n"),
                "required key 'vehicle.initial.x_m' is missing (its default 0 lies off the terrain, which spans x [1005, 1015] m");
    }

    @Test
    void aCustomMaterialTakesOnlyTheKeysOfItsKind() {
        assertConfigError(() -> files.load(MINIMAL + "materials: {soft: {like: dry_sand, peak_mu: 0.5}}\n"),
                "key 'materials.soft.peak_mu' = '0.5' is not allowed: 'dry_sand' is a deformable soil, whose keys are like, sinkage_exponent");
        assertConfigError(() -> files.load(MINIMAL + "materials: {slick: {like: dry_asphalt, cohesion_kpa: 3}}\n"),
                "key 'materials.slick.cohesion_kpa' = '3' is not allowed: 'dry_asphalt' is a rigid surface, whose keys are like, peak_mu");
        assertConfigError(() -> files.load(MINIMAL + "materials: {slick: {peak_mu: 0.3}}\n"),
                "required key 'materials.slick.like' is missing (a custom material starts from a catalog material)");
        assertConfigError(() -> files.load(MINIMAL + "materials: {slick: {like: my_gravel}}\n"),
                "key 'materials.slick.like' = 'my_gravel' is not allowed: expected one of: dry_asphalt, wet_asphalt, gravel, grass, snow, dry_sand, clay, mud");
        assertConfigError(() -> files.load(MINIMAL + "materials: {gravel: {like: gravel, peak_mu: 0.5}}\n"),
                "custom material 'gravel' (key 'materials.gravel') is not allowed: it is a catalog material");
        assertConfigError(() -> files.load(MINIMAL.replace("material: dry_asphalt", "material: tarmac")),
                "key 'terrain.material' = 'tarmac' is not allowed: expected one of the materials: dry_asphalt, wet_asphalt");
    }

    @Test
    void customSoilKeysAreInWongsTableUnits() throws IOException {
        Scenario s = files.load(MINIMAL.replace("material: dry_asphalt", "material: firm_sand") + """
                materials:
                  firm_sand: {like: dry_sand, kc_kn_per_m_pow_n_plus_1: 2, kphi_kn_per_m_pow_n_plus_2: 2000, cohesion_kpa: 1.5, friction_angle_deg: 30}
                """);
        DeformableSoil soil = (DeformableSoil) ground(s).material(0, 0).surface();
        DeformableSoil sand = (DeformableSoil) MaterialCatalog.standard().get("dry_sand").surface();
        assertEquals(2000, soil.kcNPerMPowNPlus1(), 1e-9, "kN/m^(n+1) to N/m^(n+1)");
        assertEquals(2_000_000, soil.kphiNPerMPowNPlus2(), 1e-6);
        assertEquals(1500, soil.cohesionPa(), 1e-9);
        assertEquals(StrictMath.toRadians(30), soil.frictionAngleRad(), 1e-12);
        assertEquals(sand.sinkageExponent(), soil.sinkageExponent(), "not overridden: as dry_sand");
        assertEquals(sand.shearModulusM(), soil.shearModulusM());
    }

    @Test
    void keysOfAnotherTerrainTypeAreErrors() {
        assertConfigError(() -> files.load(MINIMAL.replace("cell_size_m: 10", "cell_size_m: 10, slope_deg: 5")),
                "key 'terrain.slope_deg' = '5' is not allowed: terrain.type plane does not take it (its keys: size_m, cell_size_m, material)");
        assertConfigError(() -> files.load("seed: 1\nduration_s: 5\nterrain: {type: rolling, material: grass}\n"), "terrain.type rolling does not take it");
    }

    @Test
    void aTerrainMustBeAtLeastTwoCellsAndWithinTheSampleLimit() {
        assertConfigError(() -> files.load(MINIMAL.replace("cell_size_m: 10", "cell_size_m: 300")),
                "key 'terrain.cell_size_m' = '300' is not allowed: the terrain (size_m 400 m) must be at least two cells (cell_size_m 300 m) across");
        assertConfigError(() -> files.load(MINIMAL.replace("cell_size_m: 10", "size_m: 50000")),
                "key 'terrain.size_m' = '50000' is not allowed: 50000 m at 1 m cells is 2500100001 samples: at most 67108864 are allowed");
    }

    @Test
    void yamlScalarsAreReadAsWrittenNotAsYaml11Types() throws IOException {
        // YAML 1.1 would read 010 as octal 8 and "yes" as true (yaml.org/type/int.html, /bool.html).
        assertEquals(10, files.load(MINIMAL.replace("seed: 1", "seed: 010")).seed());
        assertConfigError(() -> files.load(MINIMAL + "vehicle: {abs: yes}\n"), "key 'vehicle.abs' = 'yes' is not allowed: expected true or false");
        assertConfigError(() -> files.load(MINIMAL + "seed: 2\n"), "is not valid YAML", "duplicate key seed");
    }

    @Test
    void emptyValuesCountAsNotGiven() throws IOException {
        Scenario s = files.load(MINIMAL + "goal:\nsensors: []\nweather: {intensity: ~}\n");
        assertNull(s.goal());
        assertEquals(1, s.sensors().size(), "the default sensor");
        assertEquals(0, s.weather().intensity());
    }

    @Test
    void aBridgeKeyInTheScenarioFileIsPointedOut() {
        assertConfigError(() -> files.load(MINIMAL + "runner: {pacing: lockstep}\n"),
                "unknown key 'runner.pacing' (it is a bridge configuration key: give it in the bridge configuration, the environment or --set)");
    }

    @Test
    void overridesOfNeitherNamespaceAreUnknownScenarioKeys() {
        assertConfigError(() -> files.load(MINIMAL, "vehicle.colour=red"), "--set: unknown key 'vehicle.colour'");
        assertConfigError(() -> files.load(MINIMAL, Map.of("HILBRIDGE__VEHICLE__COLOR", "red")),
                "environment HILBRIDGE__VEHICLE__COLOR: unknown key 'vehicle.color'");
        assertConfigError(() -> files.load(MINIMAL, "runer.pacing=fast"), "--set: unknown key 'runer.pacing' (did you mean 'runner.pacing'?)");
    }

    @Test
    void bridgeOverridesAreLeftToTheBridgeLoader() throws IOException {
        Scenario s = files.load(MINIMAL, Map.of("HILBRIDGE__WATCHDOG__TIMEOUT_S", "0.2"), "runner.pacing=lockstep", "seed=7");
        assertEquals(7, s.seed());
    }

    // ---- precedence: file < environment < --set ----

    @Test
    void theEnvironmentBeatsTheFileAndSetBeatsBoth() throws IOException {
        String text = MINIMAL + "vehicle: {initial: {speed_mps: 1}}\n";
        Map<String, String> env = Map.of("HILBRIDGE__VEHICLE__INITIAL__SPEED_MPS", "2");
        assertEquals(1, files.load(text).initial().speedMps());
        assertEquals(2, files.load(text, env).initial().speedMps());
        assertEquals(3, files.load(text, env, "vehicle.initial.speed_mps=3").initial().speedMps());
        assertConfigError(() -> files.load(text, env, "vehicle.initial.speed_mps=fast"), "--set: key 'vehicle.initial.speed_mps' = 'fast'");
    }

    @Test
    void setAddressesListItemsByIndex() throws IOException {
        String text = MINIMAL + """
                sensors:
                  - {name: a, type: ground_truth, rate_hz: 50}
                  - {name: b, type: ground_truth, rate_hz: 10}
                """;
        Scenario s = files.load(text, "sensors(1).rate_hz=20");
        assertEquals(List.of(50.0, 20.0), s.sensors().stream().map(Scenario.SensorSpec::rateHz).toList());
        Scenario added = files.load(text, "sensors(2).name=c", "sensors(2).type=ground_truth", "sensors(2).rate_hz=5");
        assertEquals(List.of("a", "b", "c"), added.sensors().stream().map(Scenario.SensorSpec::name).toList());
        assertConfigError(() -> files.load(text, "sensors(2).name=c"), "--set: required key 'sensors(2).type' is missing");
        assertConfigError(() -> files.load(text, "sensors(5).rate_hz=5"),
                "--set: key 'sensors(5).rate_hz' = '5' is not allowed: 'sensors' has 2 items: index 5 leaves a gap (2 adds an item)");
        assertConfigError(() -> files.load(text, "sensors.rate_hz=5"),
                "--set: key 'sensors.rate_hz' = '5' is not allowed: 'sensors' is a list: address an item by index, e.g. 'sensors(0).rate_hz'");
        assertConfigError(() -> files.load(text, "vehicle(1).model=small_car"), "'vehicle' is not a list: it takes no index 1");
        assertConfigError(() -> files.load(text, "sensors(1).rate_hz=0"), "--set: key 'sensors(1).rate_hz' = '0' is not allowed: expected a number in (0, 1000]");
    }

    @Test
    void setChangesTheDefaultSensor() throws IOException {
        assertEquals(100, files.load(MINIMAL, "sensors(0).rate_hz=100").sensors().get(0).rateHz());
    }

    @Test
    void overridesAddMapEntries() throws IOException {
        Scenario s = files.load(MINIMAL, Map.of("HILBRIDGE__MATERIALS__MY_GRAVEL__PEAK_MU", "0.4"),
                "materials.my_gravel.like=gravel", "materials.my_gravel.peak_mu=0.5", "terrain.material=my_gravel");
        assertEquals("my_gravel", ground(s).material(0, 0).name());
        assertEquals(0.5, ((RigidSurface) ground(s).material(0, 0).surface()).peakMu());
    }

    // ---- terrain types ----

    @Test
    void aSlopeRisesAlongXAtItsAngle() throws IOException {
        Scenario s = files.load(MINIMAL.replace("plane", "slope").replace("cell_size_m: 10", "cell_size_m: 10, slope_deg: 10"));
        assertEquals(100 * StrictMath.tan(StrictMath.toRadians(10)), ground(s).heightM(100, 50), 1e-3);
    }

    @Test
    void theRollingCourseUsesTheScenarioSeedUnlessItHasItsOwn() throws IOException {
        String text = "seed: 5\nduration_s: 5\nterrain: {type: rolling, size_m: 200, cell_size_m: 2}\n";
        HeightField expected = ProceduralTerrain.rollingCourse(new RandomStreams(5).stream("terrain"), 200, 2, MaterialCatalog.standard());
        HeightField own = ProceduralTerrain.rollingCourse(new RandomStreams(7).stream("terrain"), 200, 2, MaterialCatalog.standard());
        assertTrue(java.util.Arrays.equals(expected.heightsCopy(), ground(files.load(text)).heightsCopy()));
        assertTrue(java.util.Arrays.equals(own.heightsCopy(), ground(files.load(text, "terrain.seed=7")).heightsCopy()));
        assertFalse(java.util.Arrays.equals(expected.heightsCopy(), own.heightsCopy()), "different seeds give different courses");
        assertEquals(1000, ground(files.load("seed: 5\nduration_s: 5\nterrain: {type: rolling, cell_size_m: 10}\n")).widthM(), "rolling default size");
    }

    // ---- faults ----

    @Test
    void faultsStartWithinTheRunAndTargetAScenarioSensor() throws IOException {
        assertConfigError(() -> files.load(MINIMAL + "faults: [{kind: sensor_dropout, at_s: 1, duration_s: 1, target: lidar}]\n"),
                "key 'faults(0).target' = 'lidar' is not allowed: expected one of the scenario's sensors: ground_truth");
        assertConfigError(() -> files.load(MINIMAL + "faults: [{kind: clock_jump, at_s: 60}]\n"),
                "key 'faults(0).at_s' = '60' is not allowed: the scenario ends at duration_s = 60 s");
        assertEquals(List.of(new Scenario.FaultSpec("clock_jump", 30, 0, null, -2)),
                files.load(MINIMAL + "faults: [{kind: clock_jump, at_s: 30, magnitude: -2}]\n").faults());
    }

    private static final String SENSORS = "sensors: [{name: gt, type: ground_truth, rate_hz: 50}, {name: imu, type: imu, rate_hz: 100},"
            + " {name: gnss, type: gnss, rate_hz: 10}]\n";

    private Scenario withFault(String fault) throws IOException {
        return files.load(MINIMAL + SENSORS + "faults: [" + fault + "]\n");
    }

    @Test
    void eachFaultKindTakesItsOwnKeysAndSizes() throws IOException {
        assertEquals(List.of(new Scenario.FaultSpec("sensor_latency", 1, 2, "imu", 0.05, 0.01)),
                withFault("{kind: sensor_latency, at_s: 1, duration_s: 2, target: imu, magnitude: 0.05, jitter_s: 0.01}").faults());
        assertEquals(List.of(new Scenario.FaultSpec("sensor_noise", 1, 2, null, 5)),
                withFault("{kind: sensor_noise, at_s: 1, duration_s: 2, magnitude: 5}").faults());
        assertEquals(List.of(new Scenario.FaultSpec("command_delay", 1, 2, null, 0.2)),
                withFault("{kind: command_delay, at_s: 1, duration_s: 2, magnitude: 0.2}").faults());
        // A window is needed, except for a clock jump, which then stays.
        assertConfigError(() -> withFault("{kind: sensor_dropout, at_s: 1}"),
                "required key 'faults(0).duration_s' is missing", "a sensor_dropout needs a window > 0 s");
        assertConfigError(() -> withFault("{kind: command_loss, at_s: 1, duration_s: 0}"),
                "key 'faults(0).duration_s' = '0' is not allowed: a command_loss needs a window > 0 s");
        // Sizes: required where the kind has one, refused where it has none, each within its range.
        assertConfigError(() -> withFault("{kind: sensor_latency, at_s: 1, duration_s: 1}"),
                "required key 'faults(0).magnitude' is missing", "needs its added delay in seconds");
        assertConfigError(() -> withFault("{kind: sensor_latency, at_s: 1, duration_s: 1, magnitude: 0}"),
                "key 'faults(0).magnitude' = '0' is not allowed: expected the added delay, s, in (0, 60]");
        assertConfigError(() -> withFault("{kind: command_delay, at_s: 1, duration_s: 1, magnitude: 61}"),
                "key 'faults(0).magnitude' = '61' is not allowed: expected the added delay, s, in (0, 60]");
        assertConfigError(() -> withFault("{kind: sensor_noise, at_s: 1, duration_s: 1, magnitude: -1}"),
                "key 'faults(0).magnitude' = '-1' is not allowed: expected the factor on the noise's standard deviation in [0, 1000]");
        assertConfigError(() -> withFault("{kind: frozen_frames, at_s: 1, duration_s: 1, magnitude: 2}"),
                "key 'faults(0).magnitude' = '2' is not allowed: a frozen_frames takes no magnitude");
        assertConfigError(() -> withFault("{kind: clock_jump, at_s: 1, magnitude: 0}"),
                "key 'faults(0).magnitude' = '0' is not allowed: expected the jump, s, not 0, in [-86400, 86400]");
        assertConfigError(() -> withFault("{kind: clock_jump, at_s: 1, magnitude: -2}"),
                "key 'faults(0).magnitude' = '-2' is not allowed: at at_s = 1 s a jump of -2 s would publish stamps before time 0");
        // Jitter: a latency's only, never more than the latency.
        assertConfigError(() -> withFault("{kind: sensor_latency, at_s: 1, duration_s: 1, magnitude: 0.05, jitter_s: 0.06}"),
                "key 'faults(0).jitter_s' = '0.06' is not allowed: expected at most the latency, magnitude = 0.05 s");
        assertConfigError(() -> withFault("{kind: command_delay, at_s: 1, duration_s: 1, magnitude: 0.05, jitter_s: 0.01}"),
                "key 'faults(0).jitter_s' = '0.01' is not allowed: only a sensor_latency takes a jitter, not a command_delay");
        // Targets: sensor faults only, and only sensors the kind applies to.
        assertConfigError(() -> withFault("{kind: command_loss, at_s: 1, duration_s: 1, target: imu}"),
                "key 'faults(0).target' = 'imu' is not allowed: a command_loss takes no target");
        assertConfigError(() -> withFault("{kind: sensor_noise, at_s: 1, duration_s: 1, target: gt, magnitude: 2}"),
                "key 'faults(0).target' = 'gt' is not allowed: expected one of the scenario's sensors of type imu, gnss, lidar"
                        + " (those a sensor_noise applies to): imu, gnss");
        assertConfigError(() -> withFault("{kind: gnss_outage, at_s: 1, duration_s: 1, target: imu}"),
                "key 'faults(0).target' = 'imu' is not allowed: expected one of the scenario's sensors of type gnss");
        assertConfigError(() -> files.load(MINIMAL + "faults: [{kind: sensor_noise, at_s: 1, duration_s: 1, magnitude: 2}]\n"),
                "key 'faults(0).kind' = 'sensor_noise' is not allowed: a sensor_noise needs a sensor of type imu or gnss or lidar and the scenario has none");
    }
}
