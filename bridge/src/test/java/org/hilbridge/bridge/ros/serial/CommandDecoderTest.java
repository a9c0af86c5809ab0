package org.hilbridge.bridge.ros.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hilbridge.bridge.ros.Genpy;
import org.hilbridge.bridge.ros.RosPython;
import org.hilbridge.sim.command.AckermannCommand;
import org.hilbridge.sim.command.TwistCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command decoders fed with bytes that genpy serialised (Debian's geometry_msgs classes; ackermann_msgs
 * generated from its .msg by Debian's genpy), and every truncation of them refused with a message naming the
 * type and the field.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CommandDecoderTest {
    private static final long STAMP_NANOS = 12_345_678_901L;
    private static Map<String, byte[]> bodies;

    @BeforeAll
    static void serialiseWithGenpy(@TempDir Path dir) {
        Path py = Genpy.generateAckermann(dir);
        String script = """
                import io, genpy
                from geometry_msgs.msg import Twist, TwistStamped
                from ackermann_msgs.msg import AckermannDriveStamped
                def hexof(m):
                    b = io.BytesIO(); m.serialize(b); return b.getvalue().hex()
                t = Twist(); t.linear.x = 1.5; t.linear.y = 7.0; t.linear.z = -3.0; t.angular.x = 0.5; t.angular.y = 0.25; t.angular.z = -0.25
                print('twist', hexof(t))
                s = TwistStamped(); s.header.seq = 4; s.header.stamp = genpy.Time(12, 345678901); s.header.frame_id = 'base_link'
                s.twist.linear.x = -2.0; s.twist.angular.z = 0.75
                print('twist_stamped', hexof(s))
                a = AckermannDriveStamped(); a.header.stamp = genpy.Time(12, 345678901); a.header.frame_id = 'base_link'
                a.drive.speed = 2.25; a.drive.steering_angle = 0.125; a.drive.steering_angle_velocity = 9.0; a.drive.acceleration = 1.0; a.drive.jerk = 3.0
                print('ackermann', hexof(a))
                t = Twist(); t.linear.x = 1000.0
                print('too_fast', hexof(t))
                """;
        bodies = new LinkedHashMap<>();
        String out = new String(RosPython.run(script, new byte[0], Map.of("PYTHONPATH", py.toString()), 60), StandardCharsets.UTF_8);
        for (String line : out.split("\n")) {
            String[] f = line.split(" ");
            bodies.put(f[0], HexFormat.of().parseHex(f[1]));
        }
    }

    @Test
    void twistBecomesAnUnattributedTwistCommand() {
        DecodedCommand d = CommandDecoder.decode(CommandDecoder.TWIST, Unpooled.wrappedBuffer(bodies.get("twist")));
        assertEquals(new TwistCommand(1.5, -0.25), d.command());
        assertFalse(d.stamped());
    }

    @Test
    void twistStampedCarriesItsStamp() {
        DecodedCommand d = CommandDecoder.decode(CommandDecoder.TWIST_STAMPED, Unpooled.wrappedBuffer(bodies.get("twist_stamped")));
        assertEquals(new TwistCommand(-2.0, 0.75), d.command());
        assertTrue(d.stamped());
        assertEquals(STAMP_NANOS, d.stampNanos());
    }

    @Test
    void ackermannDriveStampedBecomesAnAckermannCommand() {
        DecodedCommand d = CommandDecoder.decode(CommandDecoder.ACKERMANN_DRIVE_STAMPED, Unpooled.wrappedBuffer(bodies.get("ackermann")));
        assertEquals(new AckermannCommand(2.25, 0.125), d.command());
        assertTrue(d.stamped());
        assertEquals(STAMP_NANOS, d.stampNanos());
    }

    @Test
    void everyTruncationIsRefusedNamingTypeAndField() {
        Map<String, String> types = Map.of("twist", CommandDecoder.TWIST, "twist_stamped", CommandDecoder.TWIST_STAMPED,
                "ackermann", CommandDecoder.ACKERMANN_DRIVE_STAMPED);
        types.forEach((key, type) -> {
            byte[] full = bodies.get(key);
            for (int n = 0; n < full.length; n++) {
                ByteBuf cut = Unpooled.wrappedBuffer(full, 0, n);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CommandDecoder.decode(type, cut), type + " cut to " + n);
                assertTrue(e.getMessage().startsWith(type + " is truncated") && e.getMessage().contains("field ")
                        && e.getMessage().contains("(body " + n + " bytes)"), e.getMessage());
            }
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommandDecoder.decode(CommandDecoder.TWIST_STAMPED, Unpooled.wrappedBuffer(bodies.get("twist_stamped"), new byte[] {0})));
        assertTrue(e.getMessage().contains("bytes after its last field"), e.getMessage());
    }

    @Test
    void aCorruptStringLengthAndOutOfRangeValuesAreRefused() {
        byte[] body = bodies.get("twist_stamped").clone();
        body[12] = (byte) 0xFF; // the low byte of header.frame_id's length
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommandDecoder.decode(CommandDecoder.TWIST_STAMPED, Unpooled.wrappedBuffer(body)));
        assertTrue(e.getMessage().contains("field header.frame_id says 255 bytes at offset 16"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CommandDecoder.decode(CommandDecoder.TWIST, Unpooled.wrappedBuffer(bodies.get("too_fast"))));
        assertTrue(e.getMessage().startsWith("geometry_msgs/Twist: command field speedMps = 1000.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CommandDecoder.decode("std_msgs/String", Unpooled.EMPTY_BUFFER));
        assertTrue(e.getMessage().contains("'std_msgs/String' is not allowed"), e.getMessage());
    }
}
