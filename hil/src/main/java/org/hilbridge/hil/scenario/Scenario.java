package org.hilbridge.hil.scenario;

import java.util.List;
import java.util.Objects;
import org.hilbridge.sim.vehicle.VehicleParams;
import org.hilbridge.sim.world.World;

/**
 * A loaded, validated scenario, ready to run: the world is built (terrain made or read, weather applied to
 * its surfaces, obstacles placed), the vehicle chosen. Produced by {@link ScenarioLoader}.
 *
 * @param name        the scenario's name (from the file, or the file's base name)
 * @param seed        scenario seed: every random stream derives from it
 * @param durationS   sim time to run, s
 * @param goal        where the vehicle should get to, or null
 * @param route       waypoints to follow (may be empty)
 * @param augment     camera augmentation ({@link AugmentSettings#OFF} when the scenario has no augment section)
 */
public record Scenario(String name, long seed, double durationS, World world, Weather weather, VehicleParams vehicle,
                       InitialPose initial, List<SensorSpec> sensors, List<Waypoint> route, Goal goal,
                       List<FaultSpec> faults, Criteria criteria, AugmentSettings augment) {
    /** A scenario without camera augmentation. */
    public Scenario(String name, long seed, double durationS, World world, Weather weather, VehicleParams vehicle,
                    InitialPose initial, List<SensorSpec> sensors, List<Waypoint> route, Goal goal,
                    List<FaultSpec> faults, Criteria criteria) {
        this(name, seed, durationS, world, weather, vehicle, initial, sensors, route, goal, faults, criteria, AugmentSettings.OFF);
    }

    public Scenario {
        Objects.requireNonNull(augment, "augment");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(world, "world");
        Objects.requireNonNull(weather, "weather");
        Objects.requireNonNull(vehicle, "vehicle");
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(criteria, "criteria");
        sensors = List.copyOf(sensors);
        route = List.copyOf(route);
        faults = List.copyOf(faults);
    }

    /** The route's waypoints as x0, y0, x1, y1, ... in metres. */
    public double[] routeXyM() {
        double[] xy = new double[2 * route.size()];
        for (int i = 0; i < route.size(); i++) {
            xy[2 * i] = route.get(i).xM();
            xy[2 * i + 1] = route.get(i).yM();
        }
        return xy;
    }

    /** Initial pose on the ground (height follows the terrain) and forward speed. */
    public record InitialPose(double xM, double yM, double yawRad, double speedMps) {
    }

    /** A route waypoint in the world frame. */
    public record Waypoint(double xM, double yM) {
    }

    /** The goal: reached when the vehicle's CG is within radiusM of (xM, yM). */
    public record Goal(double xM, double yM, double radiusM) {
    }

    /**
     * A sensor as the scenario describes it.
     *
     * @param type    one of {@link SensorSpec#TYPES}
     * @param rateHz  sample rate (a LiDAR's rotation rate)
     * @param options the type's own keys as given (already checked against their rules), e.g. a GNSS's
     *                origin_lat_deg; read them with {@link #number} and {@link #text}
     */
    public record SensorSpec(String name, String type, double rateHz, String frameId, org.hilbridge.sim.sensor.SensorMount mount,
                             java.util.Map<String, String> options) {
        public static final List<String> TYPES = List.of("ground_truth", "imu", "gnss", "wheel_odometry", "lidar", "camera");

        public SensorSpec {
            options = java.util.Map.copyOf(options);
        }

        public SensorSpec(String name, String type, double rateHz, String frameId, org.hilbridge.sim.sensor.SensorMount mount) {
            this(name, type, rateHz, frameId, mount, java.util.Map.of());
        }

        public double number(String key, double defaultValue) {
            String v = options.get(key);
            return v == null ? defaultValue : Double.parseDouble(v);
        }

        public String text(String key, String defaultValue) {
            return options.getOrDefault(key, defaultValue);
        }
    }

    /**
     * A scheduled fault, on during [atS, atS + durationS) of sim time (a clock_jump with durationS 0: from atS
     * to the end). Kinds: {@link FaultSpec#KINDS}; {@code target} names a sensor for sensor faults, null for
     * every sensor the kind applies to (and for command and clock faults); {@code magnitude} is the kind's
     * size (sensor_latency and command_delay: added delay, s; sensor_noise: factor on the noise's standard
     * deviation; clock_jump: the jump, s; 0 for the other kinds); {@code jitterS} the +/- spread of a
     * sensor_latency's delay, s (0 otherwise). The keys and rules: launch/scenarios/README.md, "faults".
     */
    public record FaultSpec(String kind, double atS, double durationS, String target, double magnitude, double jitterS) {
        public static final List<String> KINDS = List.of("sensor_dropout", "sensor_latency", "frozen_frames", "sensor_noise",
                "gnss_outage", "command_loss", "command_delay", "clock_jump");

        /** A fault without jitter. */
        public FaultSpec(String kind, double atS, double durationS, String target, double magnitude) {
            this(kind, atS, durationS, target, magnitude, 0);
        }
    }

    /**
     * Pass/fail criteria.
     *
     * @param goalReached           the goal must be reached (needs a goal)
     * @param maxTimeToGoalS        ... within this many seconds (NaN: within the duration)
     * @param noCollision           no obstacle may be touched
     * @param watchdogStopExpected  a watchdog safe stop is expected (otherwise one fails the run)
     */
    public record Criteria(boolean goalReached, double maxTimeToGoalS, boolean noCollision, boolean watchdogStopExpected) {
        public static Criteria none() {
            return new Criteria(false, Double.NaN, false, false);
        }
    }
}
