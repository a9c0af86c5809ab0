package org.hilbridge.hil.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hilbridge.sim.command.CommandConverter;
import org.hilbridge.sim.time.SimClock;
import org.hilbridge.sim.time.SimTime;
import org.hilbridge.sim.vehicle.ActuatorDemand;
import org.hilbridge.sim.vehicle.Vehicle;
import org.hilbridge.sim.vehicle.VehicleParams;
import org.hilbridge.sim.world.CollisionDetector;
import org.hilbridge.sim.world.Footprint;
import org.hilbridge.sim.world.Obstacle;

/**
 * Runs the physics headless on the default scenario as fast as it goes: a vehicle follows the circular
 * route over the off-road course at 1 kHz, with progress every 10 s of sim time, and returns a summary.
 * (The runner of issue 3 replaces this loop; the demo then runs through it.)
 */
public final class DemoRun {
    static final double ROUTE_SPEED_MPS = 8;
    private static final double PROGRESS_EVERY_S = 10;
    private static final long TRACE_EVERY_NANOS = 100 * SimTime.NANOS_PER_MILLI;

    private final DemoScenario scenario;
    private final VehicleParams params;
    private final double durationS;
    private final PrintStream progress;

    public DemoRun(DemoScenario scenario, VehicleParams params, double durationS, PrintStream progress) {
        if (!(durationS > 0) || !Double.isFinite(durationS)) {
            throw new IllegalArgumentException("duration " + durationS + " s is not allowed: it must be a finite number > 0");
        }
        this.scenario = scenario;
        this.params = params;
        this.durationS = durationS;
        this.progress = progress;
    }

    public DemoSummary run() {
        Vehicle vehicle = new Vehicle(params, scenario.world());
        vehicle.place(DemoScenario.ROUTE_RADIUS_M, 0, Math.PI / 2, 0);
        CircleFollower driver = new CircleFollower(DemoScenario.ROUTE_RADIUS_M, ROUTE_SPEED_MPS, 12);
        CommandConverter converter = new CommandConverter(params);
        ActuatorDemand demand = new ActuatorDemand();
        CollisionDetector collisions = new CollisionDetector(scenario.world().obstacles());
        Footprint footprint = new Footprint();
        SimClock clock = new SimClock(SimClock.DEFAULT_STEP_NANOS);
        double dt = clock.stepSeconds();
        long endNanos = SimTime.fromSeconds(durationS);
        long nextProgressNanos = SimTime.fromSeconds(PROGRESS_EVERY_S);

        Map<String, Double> onMaterial = new LinkedHashMap<>();
        List<String> hits = new ArrayList<>();
        Obstacle touching = null;
        double distance = 0;
        double maxSpeed = 0;
        double maxRoll = 0;
        double maxPitch = 0;
        double maxSinkage = 0;
        double[] trace = new double[2 * (int) (endNanos / TRACE_EVERY_NANOS + 2)];
        int traced = 0;
        long wallStart = System.nanoTime();
        while (clock.nowNanos() < endNanos && !vehicle.isOverturned()) {
            converter.convert(driver.command(vehicle), vehicle.forwardSpeedMps(), dt, demand);
            double x = vehicle.xM();
            double y = vehicle.yM();
            vehicle.step(demand, dt);
            clock.advance();
            distance += Math.hypot(vehicle.xM() - x, vehicle.yM() - y);
            maxSpeed = Math.max(maxSpeed, Math.abs(vehicle.forwardSpeedMps()));
            maxRoll = Math.max(maxRoll, Math.abs(vehicle.rollRad()));
            maxPitch = Math.max(maxPitch, Math.abs(vehicle.pitchRad()));
            for (int i = 0; i < 4; i++) {
                maxSinkage = Math.max(maxSinkage, vehicle.wheel(i).sinkageM());
            }
            onMaterial.merge(vehicle.wheel(Vehicle.FRONT_LEFT).material().name(), dt, Double::sum);
            Obstacle hit = collisions.firstHit(vehicle.footprint(footprint));
            if (hit != null && hit != touching) {
                hits.add(String.format("%s at t=%.2f s", hit.name(), SimTime.toSeconds(clock.nowNanos())));
            }
            touching = hit;
            if (clock.nowNanos() % TRACE_EVERY_NANOS == 0) {
                trace[traced++] = vehicle.xM();
                trace[traced++] = vehicle.yM();
            }
            if (clock.nowNanos() >= nextProgressNanos) {
                progress.printf("  t=%5.0f s  position (%7.1f, %7.1f) m  speed %5.2f m/s  on %s%n", SimTime.toSeconds(clock.nowNanos()),
                        vehicle.xM(), vehicle.yM(), vehicle.forwardSpeedMps(), vehicle.wheel(Vehicle.FRONT_LEFT).material().name());
                nextProgressNanos += SimTime.fromSeconds(PROGRESS_EVERY_S);
            }
        }
        double wallS = (System.nanoTime() - wallStart) / 1e9;
        double simS = SimTime.toSeconds(clock.nowNanos());
        return new DemoSummary(scenario.seed(), params.name(), simS, wallS, distance, distance / simS, maxSpeed,
                Math.toDegrees(maxRoll), Math.toDegrees(maxPitch), maxSinkage, onMaterial, hits, vehicle.isOverturned(),
                java.util.Arrays.copyOf(trace, traced));
    }
}
