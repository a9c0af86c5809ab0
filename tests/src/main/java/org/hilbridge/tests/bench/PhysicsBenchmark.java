package org.hilbridge.tests.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import org.hilbridge.hil.control.PurePursuit;
import org.hilbridge.hil.control.RoutePath;
import org.hilbridge.hil.scenario.DefaultScenario;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.sim.time.SimClock;
import org.hilbridge.sim.time.SimTime;
import org.hilbridge.sim.vehicle.ActuatorDemand;
import org.hilbridge.sim.vehicle.Vehicle;

/**
 * Physics alone at 1 kHz on the default off-road course (launch/scenarios/offroad_course.yaml: a 1 km square
 * height field at 1 m cells): the off-road utility vehicle driving the scenario's route loop over grass,
 * clay, mud, sand and gravel, again and again. Reports the real-time factor on the calling thread (the
 * reference is the wall clock: 1 s of sim per 1 s of wall time) and the bytes the thread allocates per step,
 * from the JVM's per-thread allocation counter (com.sun.management.ThreadMXBean), after warm-up.
 * Target (issue 2): at least 200x real time on one core, zero allocation per step.
 */
final class PhysicsBenchmark implements Benchmark {
    private static final int WARMUP_STEPS = 60_000;
    private static final int STEPS_PER_RUN = 200_000;
    private static final int RUNS = 5;
    private static final double SPEED_MPS = 6;
    private static final double LOOKAHEAD_M = 8;

    @Override
    public String name() {
        return "physics";
    }

    @Override
    public String description() {
        return "vehicle dynamics at 1 kHz on the 1 km^2 off-road course: real-time factor and allocation per step";
    }

    @Override
    public void run(BenchReport report) throws Exception {
        Scenario scenario = DefaultScenario.load(List.of());
        Vehicle vehicle = new Vehicle(scenario.vehicle(), scenario.world());
        vehicle.place(scenario.initial().xM(), scenario.initial().yM(), scenario.initial().yawRad(), 0);
        // The scenario's route ends near its start: close it into a loop to drive on and on.
        Loop loop = new Loop(vehicle, new RoutePath(scenario.routeXyM(), true));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();

        loop.drive(WARMUP_STEPS);
        double[] nanosPerStep = new double[RUNS];
        long allocated = 0;
        for (int r = 0; r < RUNS; r++) {
            long bytesBefore = threads.getThreadAllocatedBytes(thread);
            long t0 = System.nanoTime();
            loop.drive(STEPS_PER_RUN);
            long t1 = System.nanoTime();
            allocated += threads.getThreadAllocatedBytes(thread) - bytesBefore;
            nanosPerStep[r] = (t1 - t0) / (double) STEPS_PER_RUN;
        }
        Arrays.sort(nanosPerStep);
        double median = nanosPerStep[RUNS / 2];
        double realTimeFactor = SimClock.DEFAULT_STEP_NANOS / median;
        report.note(String.format("%d runs of %d steps after %d warm-up steps; %.0f m driven in %.0f s of sim time",
                RUNS, STEPS_PER_RUN, WARMUP_STEPS, loop.distanceM, SimTime.toSeconds(loop.clock.nowNanos())));
        report.figure(name(), "step_time_median", median / 1000, "us", "step_period_1kHz", SimClock.DEFAULT_STEP_NANOS / 1000.0);
        report.figure(name(), "step_time_best", nanosPerStep[0] / 1000, "us", "step_period_1kHz", SimClock.DEFAULT_STEP_NANOS / 1000.0);
        report.figure(name(), "realtime_factor", realTimeFactor, "x", "wall_clock", 1.0);
        report.figure(name(), "realtime_factor_vs_target", realTimeFactor, "x", "issue2_target", 200);
        report.figure(name(), "alloc_per_step", allocated / (double) (RUNS * STEPS_PER_RUN), "bytes");
    }

    /** Pure pursuit around the route loop at a set speed with a proportional speed hold. No allocation. */
    private static final class Loop {
        final Vehicle vehicle;
        final RoutePath route;
        final ActuatorDemand demand = new ActuatorDemand();
        final SimClock clock = new SimClock(SimClock.DEFAULT_STEP_NANOS);
        final double[] target = new double[2];
        double distanceM;

        Loop(Vehicle vehicle, RoutePath route) {
            this.vehicle = vehicle;
            this.route = route;
        }

        void drive(int steps) {
            double dt = clock.stepSeconds();
            double wheelbase = vehicle.params().chassis().wheelbaseM();
            double maxSteer = vehicle.params().steering().maxAngleRad();
            for (int k = 0; k < steps; k++) {
                double x = vehicle.xM();
                double y = vehicle.yM();
                route.lookahead(x, y, LOOKAHEAD_M, target);
                double steering = PurePursuit.steeringRad(x, y, vehicle.yawRad(), target[0], target[1], wheelbase, maxSteer);
                double speedError = SPEED_MPS - vehicle.forwardSpeedMps();
                demand.set(Math.max(0, Math.min(1, 0.5 * speedError)), Math.max(0, Math.min(1, -0.5 * speedError)), steering);
                vehicle.step(demand, dt);
                clock.advance();
                distanceM += Math.hypot(vehicle.xM() - x, vehicle.yM() - y);
            }
        }
    }
}
