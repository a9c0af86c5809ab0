package org.hilbridge.bridge.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deserialises our bodies with the genpy classes Debian ships (python3-*-msgs), in one /usr/bin/python3
 * process, and flattens every message into "path=value" pairs (floats as Python's repr, exact; uint8[] as
 * length and MD5; PointCloud2 points read back through sensor_msgs.point_cloud2.read_points as "points.i").
 * It also serialises each deserialised message again with genpy: "genpy.reserialised" says whether that
 * gave our bytes exactly, and "genpy.trailing" how many bytes genpy did not consume.
 */
public final class Genpy {
    private static final String SCRIPT = """
            import sys, struct, hashlib, importlib, io
            from sensor_msgs import point_cloud2
            data = sys.stdin.buffer.read()
            off = 0
            out = []
            def dump(prefix, v):
                if hasattr(v, '_slot_types'):
                    for name in v.__slots__:
                        dump(prefix + name + '.', getattr(v, name))
                elif hasattr(v, 'secs') and hasattr(v, 'nsecs'):
                    out.append(prefix + 'secs=' + str(v.secs)); out.append(prefix + 'nsecs=' + str(v.nsecs))
                elif isinstance(v, bytes):
                    out.append(prefix[:-1] + '=len:' + str(len(v)) + ' md5:' + hashlib.md5(v).hexdigest())
                elif isinstance(v, (list, tuple)):
                    out.append(prefix + 'len=' + str(len(v)))
                    for i, e in enumerate(v):
                        dump(prefix + str(i) + '.', e)
                elif isinstance(v, float):
                    out.append(prefix[:-1] + '=' + repr(v))
                else:
                    out.append(prefix[:-1] + '=' + str(v))
            while off < len(data):
                (n,) = struct.unpack_from('<H', data, off); off += 2
                t = data[off:off + n].decode(); off += n
                (size,) = struct.unpack_from('<I', data, off); off += 4
                body = data[off:off + size]; off += size
                pkg, name = t.split('/')
                cls = getattr(importlib.import_module(pkg + '.msg'), name)
                m = cls()
                m.deserialize(body)
                out.append('## ' + t)
                dump('', m)
                b = io.BytesIO(); m.serialize(b)
                out.append('genpy.reserialised=' + str(b.getvalue() == body))
                if t == 'sensor_msgs/PointCloud2':
                    names = [f.name for f in m.fields]
                    for i, p in enumerate(point_cloud2.read_points(m, field_names=names)):
                        out.append('points.' + str(i) + '=' + ' '.join(repr(x) for x in p))
            print('\\n'.join(out))
            """;

    private Genpy() {
    }

    /** A body to decode: its type and bytes (the ByteBuf is read, not released). */
    public record Body(String type, ByteBuf buf) {
    }

    /** One flattened map per body, in order. */
    public static List<Map<String, String>> decode(List<Body> bodies) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (Body b : bodies) {
                byte[] name = b.type().getBytes(StandardCharsets.UTF_8);
                out.writeShort(Short.reverseBytes((short) name.length));
                out.write(name);
                byte[] body = ByteBufUtil.getBytes(b.buf());
                out.writeInt(Integer.reverseBytes(body.length));
                out.write(body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = RosPython.runText(SCRIPT, bytes.toByteArray(), 100);
        List<Map<String, String>> result = new ArrayList<>();
        Map<String, String> current = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("## ")) {
                current = new LinkedHashMap<>();
                current.put("type", line.substring(3));
                result.add(current);
            } else if (!line.isEmpty()) {
                assertNotNull(current, "output before the first message: " + line);
                int eq = line.indexOf('=');
                current.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        assertEquals(bodies.size(), result.size(), "genpy decoded every body");
        for (Map<String, String> m : result) {
            assertEquals("True", m.get("genpy.reserialised"), m.get("type") + ": genpy serialises the message it read to exactly our bytes");
        }
        return result;
    }

    /**
     * Generates the Python classes of ackermann_msgs (not packaged by Debian) from our bundled .msg texts with
     * Debian's genpy command line (/usr/lib/genpy/genmsg_py.py, python3-genpy) under {@code dir}; returns the
     * folder to put on PYTHONPATH.
     */
    public static java.nio.file.Path generateAckermann(java.nio.file.Path dir) {
        try {
            java.nio.file.Path msgDir = java.nio.file.Files.createDirectories(dir.resolve("msg"));
            java.nio.file.Path py = dir.resolve("py");
            java.nio.file.Path out = java.nio.file.Files.createDirectories(py.resolve("ackermann_msgs/msg"));
            java.nio.file.Files.writeString(py.resolve("ackermann_msgs/__init__.py"), "");
            for (String t : List.of("AckermannDrive", "AckermannDriveStamped")) {
                java.nio.file.Files.writeString(msgDir.resolve(t + ".msg"),
                        org.hilbridge.bridge.ros.msg.MessageCatalog.resourceText("ackermann_msgs/" + t));
            }
            String script = """
                    import sys, subprocess
                    msg, out = sys.argv[1], sys.argv[2]
                    gen = ['/usr/bin/python3', '/usr/lib/genpy/genmsg_py.py']
                    for f in ['AckermannDrive', 'AckermannDriveStamped']:
                        subprocess.run(gen + ['-p', 'ackermann_msgs', '-o', out, '-Iackermann_msgs:' + msg,
                                              '-Istd_msgs:/usr/share/std_msgs/msg', msg + '/' + f + '.msg'], check=True)
                    subprocess.run(gen + ['--initpy', '-p', 'ackermann_msgs', '-o', out], check=True)
                    """.replace("sys.argv[1], sys.argv[2]", "'" + msgDir + "', '" + out + "'");
            RosPython.run(script, new byte[0], Map.of(), 60);
            return py;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Python's float text (repr, "nan", "inf") as a double. */
    public static double number(String python) {
        return switch (python) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(python);
        };
    }
}
