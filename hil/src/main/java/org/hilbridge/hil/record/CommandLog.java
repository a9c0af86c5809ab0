package org.hilbridge.hil.record;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.hilbridge.bridge.link.SampleRef;
import org.hilbridge.hil.arbiter.AppliedCommand;
import org.hilbridge.sim.command.AckermannCommand;
import org.hilbridge.sim.command.NormalizedCommand;
import org.hilbridge.sim.command.TwistCommand;
import org.hilbridge.sim.command.VehicleCommand;

/**
 * The text of one /hilbridge/applied_command message (std_msgs/String): one line of {@code key=value} pairs,
 * readable with {@code rostopic echo} and exact on the way back (doubles as Java's Double.toString, which
 * Double.parseDouble reads back to the same bits, JLS / Double.toString's contract). Either
 * <pre>step=NS accepted=NS source=S based_on=STREAM#SEQ|- capture=NS form=twist speed_mps=D yaw_rate_rad_per_s=D</pre>
 * (forms: twist, ackermann with speed_mps and steering_angle_rad, normalized with throttle, brake, steering) or
 * <pre>step=NS controller_silent</pre>
 * Values never hold spaces (sources are transport names such as ros:/cmd_vel).
 */
final class CommandLog {
    static final String TOPIC = "/hilbridge/applied_command";
    private static final String SILENT = "controller_silent";

    /** One decoded line: a command taking effect at a step, or a lockstep silence (command null). */
    record Entry(long stepNanos, AppliedCommand command) {
        boolean silent() {
            return command == null;
        }
    }

    private CommandLog() {
    }

    static String applied(long stepNanos, AppliedCommand c) {
        StringBuilder b = new StringBuilder(160);
        b.append("step=").append(stepNanos).append(" accepted=").append(c.acceptedSimNanos()).append(" source=").append(c.source().replace(' ', '_'))
                .append(" based_on=").append(c.basedOn() == null ? "-" : c.basedOn().streamId() + "#" + c.basedOn().sequence())
                .append(" capture=").append(c.sampleCaptureNanos()).append(' ');
        VehicleCommand v = c.command();
        if (v instanceof TwistCommand t) {
            b.append("form=twist speed_mps=").append(t.speedMps()).append(" yaw_rate_rad_per_s=").append(t.yawRateRadPerS());
        } else if (v instanceof AckermannCommand a) {
            b.append("form=ackermann speed_mps=").append(a.speedMps()).append(" steering_angle_rad=").append(a.steeringAngleRad());
        } else if (v instanceof NormalizedCommand n) {
            b.append("form=normalized throttle=").append(n.throttle()).append(" brake=").append(n.brake()).append(" steering=").append(n.steering());
        } else {
            throw new IllegalArgumentException("command " + v + " has a form the recorder does not know");
        }
        return b.toString();
    }

    static String silent(long stepNanos) {
        return "step=" + stepNanos + " " + SILENT;
    }

    /** Parses a line; an IllegalArgumentException names the line and the key at fault. */
    static Entry parse(String line) {
        Map<String, String> kv = new HashMap<>();
        for (String part : line.trim().split(" ")) {
            int eq = part.indexOf('=');
            kv.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? "" : part.substring(eq + 1));
        }
        try {
            long step = Long.parseLong(required(kv, "step", line));
            if (kv.containsKey(SILENT)) {
                return new Entry(step, null);
            }
            String form = required(kv, "form", line);
            VehicleCommand v = switch (form) {
                case "twist" -> new TwistCommand(number(kv, "speed_mps", line), number(kv, "yaw_rate_rad_per_s", line));
                case "ackermann" -> new AckermannCommand(number(kv, "speed_mps", line), number(kv, "steering_angle_rad", line));
                case "normalized" -> new NormalizedCommand(number(kv, "throttle", line), number(kv, "brake", line), number(kv, "steering", line));
                default -> throw new IllegalArgumentException("form '" + form + "' is not allowed: allowed are twist, ackermann, normalized");
            };
            String basedOn = required(kv, "based_on", line);
            SampleRef ref = null;
            if (!basedOn.equals("-")) {
                int hash = basedOn.lastIndexOf('#');
                if (hash < 1) {
                    throw new IllegalArgumentException("based_on '" + basedOn + "' is not allowed: it must be STREAM#SEQUENCE or -");
                }
                ref = new SampleRef(basedOn.substring(0, hash), Long.parseLong(basedOn.substring(hash + 1)));
            }
            return new Entry(step, new AppliedCommand(v, required(kv, "source", line), ref, Long.parseLong(required(kv, "accepted", line)),
                    Long.parseLong(required(kv, "capture", line))));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("applied command '" + line + "': " + e.getMessage().toLowerCase(Locale.ROOT), e);
        }
    }

    private static String required(Map<String, String> kv, String key, String line) {
        String v = kv.get(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("applied command '" + line + "' lacks " + key);
        }
        return v;
    }

    private static double number(Map<String, String> kv, String key, String line) {
        return Double.parseDouble(required(kv, key, line));
    }
}
