package org.hilbridge.bridge.ros.serial;

import io.netty.buffer.ByteBuf;
import org.hilbridge.sim.command.AckermannCommand;
import org.hilbridge.sim.command.TwistCommand;

/**
 * Decodes the command messages a stack sends into sim-core commands. A ground vehicle uses linear.x (m/s)
 * and angular.z (rad/s) of a Twist (REP-103 body axes; the other four components are read and ignored) and
 * speed (m/s) and steering_angle (rad) of an AckermannDrive (steering_angle_velocity, acceleration and jerk
 * are read and ignored: the vehicle's own speed controller and steering rate limit apply). Bad bodies end
 * in an IllegalArgumentException naming the type and field (see {@link RosReader}); values out of range are
 * refused by the command records (naming the field and the allowed range).
 */
public final class CommandDecoder {
    public static final String TWIST = "geometry_msgs/Twist";
    public static final String TWIST_STAMPED = "geometry_msgs/TwistStamped";
    public static final String ACKERMANN_DRIVE_STAMPED = "ackermann_msgs/AckermannDriveStamped";

    private CommandDecoder() {
    }

    /** Decodes a body of {@code type} (one of the three constants); does not release {@code body}. */
    public static DecodedCommand decode(String type, ByteBuf body) {
        return switch (type) {
            case TWIST -> twist(body);
            case TWIST_STAMPED -> twistStamped(body);
            case ACKERMANN_DRIVE_STAMPED -> ackermannDriveStamped(body);
            default -> throw new IllegalArgumentException("command message type '" + type + "' is not allowed: it must be one of "
                    + TWIST + ", " + TWIST_STAMPED + ", " + ACKERMANN_DRIVE_STAMPED);
        };
    }

    public static DecodedCommand twist(ByteBuf body) {
        RosReader r = new RosReader(body, TWIST);
        TwistCommand c = readTwist(r, "");
        r.requireEnd();
        return new DecodedCommand(c, false, 0);
    }

    public static DecodedCommand twistStamped(ByteBuf body) {
        RosReader r = new RosReader(body, TWIST_STAMPED);
        long stamp = r.readHeaderStampNanos("header");
        TwistCommand c = readTwist(r, "twist.");
        r.requireEnd();
        return new DecodedCommand(c, true, stamp);
    }

    public static DecodedCommand ackermannDriveStamped(ByteBuf body) {
        RosReader r = new RosReader(body, ACKERMANN_DRIVE_STAMPED);
        long stamp = r.readHeaderStampNanos("header");
        double steering = r.readFloat32("drive.steering_angle");
        r.readFloat32("drive.steering_angle_velocity");
        double speed = r.readFloat32("drive.speed");
        r.readFloat32("drive.acceleration");
        r.readFloat32("drive.jerk");
        r.requireEnd();
        return new DecodedCommand(command(ACKERMANN_DRIVE_STAMPED, () -> new AckermannCommand(speed, steering)), true, stamp);
    }

    private static TwistCommand readTwist(RosReader r, String prefix) {
        double vx = r.readFloat64(prefix + "linear.x");
        r.readFloat64(prefix + "linear.y");
        r.readFloat64(prefix + "linear.z");
        r.readFloat64(prefix + "angular.x");
        r.readFloat64(prefix + "angular.y");
        double wz = r.readFloat64(prefix + "angular.z");
        return command(prefix.isEmpty() ? TWIST : TWIST_STAMPED, () -> new TwistCommand(vx, wz));
    }

    private static <T> T command(String type, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(type + ": " + e.getMessage(), e);
        }
    }
}
