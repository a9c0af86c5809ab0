package org.hilbridge.bridge.ros.msg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hilbridge.bridge.ros.Genpy;
import org.hilbridge.bridge.ros.RosPython;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue's MD5 sums and full definitions against the real ROS tools: `rosmsg md5` and the genpy
 * classes Debian ships (their {@code _md5sum} and {@code _full_text}); ackermann_msgs (not in Debian)
 * against Python generated from its .msg by Debian's genpy (genmsg_py.py); parser corner cases against
 * genmsg itself run on the same texts.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MessageCatalogTest {
    private static final MessageCatalog CATALOG = MessageCatalog.standard();

    /** Prints "type md5 rosmsg-md5 base64(full_text)" per type: genpy classes and the rosmsg command. */
    private static final String DEBIAN_CLASSES = """
            import sys, base64, importlib, subprocess
            for t in sys.stdin.read().split():
                pkg, name = t.split('/')
                cls = getattr(importlib.import_module(pkg + '.msg'), name)
                rosmsg = subprocess.run(['rosmsg', 'md5', t], capture_output=True, text=True, check=True).stdout.strip()
                print(t, cls._md5sum, rosmsg, base64.b64encode(cls._full_text.encode()).decode())
            """;

    @Test
    void everyDebianTypeMatchesRosmsgAndGenpy() {
        List<String> debian = MessageCatalog.STANDARD_TYPES.stream().filter(t -> !t.startsWith("ackermann_msgs/")).toList();
        Map<String, String[]> ref = parse(RosPython.runText(DEBIAN_CLASSES, String.join(" ", debian).getBytes(StandardCharsets.UTF_8), 100));
        assertEquals(debian.size(), ref.size(), "one reference line per type");
        for (String t : debian) {
            MessageType ours = CATALOG.type(t);
            String[] r = ref.get(t);
            assertEquals(r[0], ours.md5sum(), t + " md5 (genpy _md5sum)");
            assertEquals(r[1], ours.md5sum(), t + " md5 (rosmsg md5)");
            assertEquals(r[2], ours.definition(), t + " full text (genpy _full_text)");
        }
    }

    @Test
    void ackermannMatchesPythonGeneratedByDebiansGenpy(@TempDir Path dir) {
        Path py = Genpy.generateAckermann(dir);
        String script = """
                import base64, importlib
                m = importlib.import_module('ackermann_msgs.msg')
                for f in ['AckermannDrive', 'AckermannDriveStamped']:
                    cls = getattr(m, f)
                    print('ackermann_msgs/' + f, cls._md5sum, cls._md5sum, base64.b64encode(cls._full_text.encode()).decode())
                """;
        Map<String, String[]> ref = parse(new String(RosPython.run(script, new byte[0], Map.of("PYTHONPATH", py.toString()), 60), StandardCharsets.UTF_8));
        assertEquals(2, ref.size(), "genpy generated both ackermann types");
        for (String t : List.of("ackermann_msgs/AckermannDrive", "ackermann_msgs/AckermannDriveStamped")) {
            assertEquals(ref.get(t)[0], CATALOG.type(t).md5sum(), t + " md5");
            assertEquals(ref.get(t)[2], CATALOG.type(t).definition(), t + " full text");
        }
    }

    /** Constants (string ones keep comments and spacing), fixed and variable arrays of builtins and messages,
     *  Header shorthand, same-package names, repeated nested types: compared with genmsg on the same texts. */
    @Test
    void parserCornerCasesMatchGenmsg() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("demo_msgs/Inner", "# leading comment\nint8 A=-3   # trailing\nfloat64[3] v\ntime t\nduration d\n");
        texts.put("demo_msgs/Outer", """
                Header header
                string NAME =  some text # not a comment   \s
                uint64 BIG=18446744073709551615
                bool FLAG=True
                float32 PI=3.14159
                Inner   first   # spaces and a comment
                Inner[] many
                demo_msgs/Inner[2] pair
                geometry_msgs/Vector3 vec
                uint8[] data
                char c
                byte b
                """);
        texts.put("std_msgs/Header", MessageCatalog.resourceText("std_msgs/Header"));
        texts.put("geometry_msgs/Vector3", MessageCatalog.resourceText("geometry_msgs/Vector3"));
        MessageCatalog demo = new MessageCatalog(texts);
        StringBuilder in = new StringBuilder();
        texts.forEach((name, text) -> in.append(name).append(' ').append(b64(text)).append('\n'));
        String script = """
                import sys, base64
                from genmsg import MsgContext, msg_loader, gentools
                ctx = MsgContext.create_default()
                specs = []
                for line in sys.stdin.read().splitlines():
                    name, text = line.split(' ')
                    specs.append(msg_loader.load_msg_from_string(ctx, base64.b64decode(text).decode(), name))
                for s in specs:
                    msg_loader.load_depends(ctx, s, {})
                for s in specs:
                    print(s.full_name, gentools.compute_md5(ctx, s), base64.b64encode(gentools.compute_md5_text(ctx, s).encode()).decode(),
                          base64.b64encode(gentools.compute_full_text(ctx, s).encode()).decode())
                """;
        Map<String, String[]> ref = parse(RosPython.runText(script, in.toString().getBytes(StandardCharsets.UTF_8), 60));
        for (String t : texts.keySet()) {
            assertEquals(ref.get(t)[1], demo.md5Text(t), t + " md5 text");
            assertEquals(ref.get(t)[0], demo.type(t).md5sum(), t + " md5");
            assertEquals(ref.get(t)[2], demo.type(t).definition(), t + " full text");
        }
        MsgSpec outer = demo.spec("demo_msgs/Outer");
        assertTrue(outer.hasHeader());
        assertFalse(demo.spec("demo_msgs/Inner").hasHeader());
        assertEquals(new MsgField("demo_msgs/Inner", 2, "pair"), outer.fields().get(3));
        assertEquals(new MsgField("uint8", MsgField.VARIABLE, "data"), outer.fields().get(5));
        assertEquals("some text # not a comment", outer.constants().get(0).valueText());
    }

    @Test
    void badDefinitionsAreRefusedNamingTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MsgParser.parse("demo_msgs/Bad", "float64 x\nfloat64 y z\n"));
        assertTrue(e.getMessage().contains("demo_msgs/Bad line 2 'float64 y z'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MsgParser.parse("demo_msgs/Bad", "uint8 TOO_BIG=256\n"));
        assertTrue(e.getMessage().contains("[0, 255]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MsgParser.parse("demo_msgs/Bad", "float64[x] a\n"));
        assertTrue(e.getMessage().contains("array length 'x'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MsgParser.parse("demo_msgs/Bad", "float64 9lives\n"));
        assertTrue(e.getMessage().contains("field name '9lives'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MessageCatalog(Map.of("demo_msgs/A", "demo_msgs/Missing m\n")));
        assertTrue(e.getMessage().contains("demo_msgs/A field m has type demo_msgs/Missing"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MessageCatalog(Map.of("demo_msgs/A", "B b\n", "demo_msgs/B", "A a\n")));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CATALOG.type("sensor_msgs/Nope"));
        assertTrue(e.getMessage().contains("'sensor_msgs/Nope' is not in the catalogue"), e.getMessage());
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** "name a b base64(c)" lines to name -> [a, b-or-decoded, decoded c]. */
    private static Map<String, String[]> parse(String stdout) {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(" ");
            String second = f[2].length() == 32 ? f[2] : decode(f[2]);
            out.put(f[1 - 1], new String[] {f[1], second, decode(f[3])});
        }
        return out;
    }

    private static String decode(String b64) {
        return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    }
}
