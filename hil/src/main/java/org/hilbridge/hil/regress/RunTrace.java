package org.hilbridge.hil.regress;

import java.util.Arrays;
import org.hilbridge.hil.arbiter.AppliedCommand;
import org.hilbridge.hil.runner.CommandTap;
import org.hilbridge.sim.command.AckermannCommand;
import org.hilbridge.sim.command.NormalizedCommand;
import org.hilbridge.sim.command.TwistCommand;
import org.hilbridge.sim.time.SimTime;

/**
 * Collects, from the commands the runner applies, the commanded steering over time and each command's loop
 * latency, for the report's plots. Called on the simulation thread; read after the run.
 */
final class RunTrace implements CommandTap {
    private double[] timeS = new double[256];
    private double[] steering = new double[256];
    private double[] latencyMs = new double[256];
    private int n;
    /** Which steering the commands carry: an angle (rad) or a normalized -1..1 (NaN for twist: a yaw rate). */
    private String steeringUnit = "rad";

    @Override
    public void applied(long stepNanos, AppliedCommand command) {
        if (n == timeS.length) {
            timeS = Arrays.copyOf(timeS, 2 * n);
            steering = Arrays.copyOf(steering, 2 * n);
            latencyMs = Arrays.copyOf(latencyMs, 2 * n);
        }
        timeS[n] = SimTime.toSeconds(stepNanos);
        if (command.command() instanceof AckermannCommand a) {
            steering[n] = a.steeringAngleRad();
        } else if (command.command() instanceof NormalizedCommand c) {
            steering[n] = c.steering();
            steeringUnit = "normalized";
        } else if (command.command() instanceof TwistCommand t) {
            steering[n] = t.yawRateRadPerS();
            steeringUnit = "yaw rate rad/s";
        }
        latencyMs[n] = command.basedOn() == null ? Double.NaN : command.loopLatencyNanos() / 1e6;
        n++;
    }

    @Override
    public void controllerSilent(long stepNanos) {
        // the safe stop shows in the events and the speed plot
    }

    double[] timesS() {
        return Arrays.copyOf(timeS, n);
    }

    double[] steering() {
        return Arrays.copyOf(steering, n);
    }

    String steeringUnit() {
        return steeringUnit;
    }

    /** Loop latencies of the attributed commands, ms. */
    double[] latenciesMs() {
        return Arrays.stream(latencyMs, 0, n).filter(v -> !Double.isNaN(v)).toArray();
    }
}
