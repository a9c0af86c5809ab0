package org.hilbridge.hil.runner;

import java.util.List;
import java.util.function.Consumer;
import org.hilbridge.bridge.link.SampleSink;
import org.hilbridge.hil.config.BridgeConfig;
import org.hilbridge.hil.control.RouteFollower;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.Weather;
import org.hilbridge.sim.sensor.SensorMount;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.vehicle.VehicleParams;
import org.hilbridge.sim.world.Obstacle;
import org.hilbridge.sim.world.World;

/** Scenarios and configurations built in code, for runner tests that must not depend on files. */
final class TestScenarios {
    private TestScenarios() {
    }

    /** A sink named {@code name} that hands every sample to {@code accept}: a test's observer on the runner's fanout. */
    static SampleSink sink(String name, Consumer<SensorSample> accept) {
        return new SampleSink() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void accept(SensorSample sample) {
                accept.accept(sample);
            }
        };
    }

    /**
     * A sink that takes 40 ms over every sample of type {@code kind} (longer than a 30 Hz camera's frame period):
     * attached with a queue of 1, most of those samples are dropped from its queue, and each drop gives its hold back.
     */
    static SampleSink slowSink(String name, Class<? extends SensorSample> kind) {
        return sink(name, sample -> {
            if (kind.isInstance(sample)) {
                try {
                    Thread.sleep(40);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    /** Dry asphalt, a straight route east from the origin for 200 m, ground truth at 50 Hz. */
    static Scenario straight(double durationS, List<Obstacle> obstacles, Scenario.Goal goal, Scenario.Criteria criteria,
                             List<Scenario.FaultSpec> faults) {
        World world = new World(ProceduralTerrain.plane(600, 20, MaterialCatalog.standard().get("dry_asphalt"))).withObstacles(obstacles);
        return new Scenario("straight", 1, durationS, world, Weather.clear(), VehicleParams.offRoadUtility(),
                new Scenario.InitialPose(0, 0, 0, 0),
                List.of(new Scenario.SensorSpec("ground_truth", "ground_truth", 50, "base_link", SensorMount.atBaseLink())),
                List.of(new Scenario.Waypoint(0, 0), new Scenario.Waypoint(200, 0)), goal, faults, criteria);
    }

    static Scenario straight(double durationS) {
        return straight(durationS, List.of(), null, Scenario.Criteria.none(), List.of());
    }

    static BridgeConfig config(String pacing) {
        BridgeConfig d = BridgeConfig.defaults();
        return new BridgeConfig(pacing, d.lockstepStream(), d.watchdogTimeoutS(), d.safeStopBrake(), d.latchSafeStop(), d.leaseMode(),
                d.leaseTimeoutS(), d.maxSampleAgeS(), d.sinkQueueCapacity(), d.controller(), d.controllerSpeedMps(), d.controllerLookaheadM(), 0,
                d.renderThreads(), d.realtime(), d.socketEnabled(), d.socket(), d.ros());
    }

    /** Realtime pacing with the given settings, otherwise the defaults (no progress lines). */
    static BridgeConfig realtime(BridgeConfig.Realtime settings) {
        BridgeConfig d = config(BridgeConfig.REALTIME);
        return new BridgeConfig(d.pacing(), d.lockstepStream(), d.watchdogTimeoutS(), d.safeStopBrake(), d.latchSafeStop(), d.leaseMode(),
                d.leaseTimeoutS(), d.maxSampleAgeS(), d.sinkQueueCapacity(), d.controller(), d.controllerSpeedMps(), d.controllerLookaheadM(),
                d.progressEveryS(), d.renderThreads(), settings, d.socketEnabled(), d.socket(), d.ros());
    }

    static RouteFollower follower(Scenario s, double speedMps) {
        return RouteFollower.along(s, speedMps, 8);
    }
}
