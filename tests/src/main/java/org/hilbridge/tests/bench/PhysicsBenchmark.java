package org.hilbridge.tests.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.hilbridge.hil.demo.CircleFollower;
import org.hilbridge.hil.demo.DemoScenario;
import org.hilbridge.sim.time.SimClock;
import org.hilbridge.sim.time.SimTime;
import org.hilbridge.sim.vehicle.ActuatorDemand;
import org.hilbridge.sim.vehicle.Vehicle;
import org.hilbridge.sim.vehicle.VehicleParams;

/**
 * Physics alone at 1 kHz on the default off-road course (1 km square height field at 1 m cells): the
 * off-road utility vehicle driving the demo's circular route (pure pursuit) over grass, gravel and sand. Reports the real-time factor on the calling thread
 * (the reference is the wall clock: 1 s of sim per 1 s of wall time) and the bytes the thread allocates
 * per step, from the JVM's per-thread allocation counter (com.sun.management.ThreadMXBean), after warm-up.
 * Target (issue 2): at least 200x real time on one core, zero allocation per step.
 */
final class PhysicsBenchmark implements Benchmark {
    private static final int WARMUP_STEPS = 60_000;
    private static final int STEPS_PER_RUN = 200_000;
    private static final int RUNS = 5;

    @Override
    public String name() {
        return "physics";
    }

    @Override
    public String description() {
        return "vehicle dynamics at 1 kHz on the 1 km^2 off-road course: real-time factor and allocation per step";
    }

    @Override
    public void run(BenchReport report) {
        DemoScenario scenario = DemoScenario.create(1);
        Vehicle vehicle = new Vehicle(VehicleParams.offRoadUtility(), scenario.world());
        vehicle.place(DemoScenario.ROUTE_RADIUS_M, 0, Math.PI / 2, 8);
        CircleFollower route = new CircleFollower(DemoScenario.ROUTE_RADIUS_M, 8, 12);
        ActuatorDemand demand = new ActuatorDemand();
        SimClock clock = new SimClock(SimClock.DEFAULT_STEP_NANOS);
        double dt = clock.stepSeconds();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();

        drive(vehicle, route, demand, clock, dt, WARMUP_STEPS);
        double[] nanosPerStep = new double[RUNS];
        long allocated = 0;
        for (int r = 0; r < RUNS; r++) {
            long bytesBefore = threads.getThreadAllocatedBytes(thread);
            long t0 = System.nanoTime();
            drive(vehicle, route, demand, clock, dt, STEPS_PER_RUN);
            long t1 = System.nanoTime();
            allocated += threads.getThreadAllocatedBytes(thread) - bytesBefore;
            nanosPerStep[r] = (t1 - t0) / (double) STEPS_PER_RUN;
        }
        Arrays.sort(nanosPerStep);
        double median = nanosPerStep[RUNS / 2];
        double realTimeFactor = SimClock.DEFAULT_STEP_NANOS / median;
        report.note(String.format("%d runs of %d steps after %d warm-up steps; vehicle at (%.0f, %.0f) m after %.0f s of sim time",
                RUNS, STEPS_PER_RUN, WARMUP_STEPS, vehicle.xM(), vehicle.yM(), SimTime.toSeconds(clock.nowNanos())));
        report.figure(name(), "step_time_median", median / 1000, "us", "step_period_1kHz", SimClock.DEFAULT_STEP_NANOS / 1000.0);
        report.figure(name(), "step_time_best", nanosPerStep[0] / 1000, "us", "step_period_1kHz", SimClock.DEFAULT_STEP_NANOS / 1000.0);
        report.figure(name(), "realtime_factor", realTimeFactor, "x", "wall_clock", 1.0);
        report.figure(name(), "realtime_factor_vs_target", realTimeFactor, "x", "issue2_target", 200);
        report.figure(name(), "alloc_per_step", allocated / (double) (RUNS * STEPS_PER_RUN), "bytes");
    }

    /** Follows the route at about 8 m/s with a proportional speed hold. No allocation. */
    private static void drive(Vehicle vehicle, CircleFollower route, ActuatorDemand demand, SimClock clock, double dt, int steps) {
        for (int k = 0; k < steps; k++) {
            double speedError = 8 - vehicle.forwardSpeedMps();
            double throttle = Math.max(0, Math.min(1, 0.5 * speedError));
            double brake = Math.max(0, Math.min(1, -0.5 * speedError));
            demand.set(throttle, brake, route.steeringRad(vehicle));
            vehicle.step(demand, dt);
            clock.advance();
        }
    }
}
