package org.hilbridge.bridge.ros.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hilbridge.bridge.ros.testing.RosPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The XML-RPC codec against Python's xmlrpc.client (what rospy, rosmaster and the ROS tools use) and against hostile input. */
class XmlRpcCodecTest {
    private final XmlRpcCodec codec = new XmlRpcCodec(XmlRpcLimits.DEFAULT);

    private static final String PY_VALUES = "(1, -7, True, False, 's<&>\"\\'', '', 2.5, -1e-300, [1, [2, 'x']], {'a': {'b': 'c'}, 'n': 3}, "
            + "xmlrpc.client.Binary(b'\\x00\\x01\\xff'))";

    @Test
    @Timeout(60)
    void parsesWhatPythonWrites() throws Exception {
        try (RosPeers peers = new RosPeers()) {
            RosPeers.Result r = peers.run(peers.env(null), Duration.ofSeconds(30), RosPeers.PYTHON, "-c",
                    "import xmlrpc.client, sys; sys.stdout.write(xmlrpc.client.dumps(" + PY_VALUES + ", methodname='m'))");
            assertEquals(0, r.exitCode(), r.output());
            XmlRpcCall call = codec.parseCall(r.output().getBytes(StandardCharsets.UTF_8));
            assertEquals("m", call.methodName());
            List<Object> p = call.params();
            assertEquals(List.of(1, -7, true, false, "s<&>\"'", "", 2.5, -1e-300, List.of(1, List.of(2, "x")), Map.of("a", Map.of("b", "c"), "n", 3)),
                    p.subList(0, 10));
            assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, (byte[]) p.get(10));
        }
    }

    @Test
    @Timeout(60)
    void pythonParsesWhatWeWrite() throws Exception {
        List<Object> values = Arrays.asList(1, -7, true, false, "s<&>\"'\r\n", "", 2.5, -1e-300, List.of(1, List.of(2, "x")),
                Map.of("a", Map.of("b", "c")), new byte[] {0, 1, (byte) 0xff}, Double.MAX_VALUE, Integer.MIN_VALUE);
        try (RosPeers peers = new RosPeers()) {
            Path f = peers.home().resolve("call.xml");
            Files.write(f, XmlRpcCodec.writeCall("m", values));
            RosPeers.Result r = peers.run(peers.env(null), Duration.ofSeconds(30), RosPeers.PYTHON, "-c",
                    "import xmlrpc.client, sys; p, m = xmlrpc.client.loads(open(sys.argv[1], 'rb').read()); "
                            + "p = [x.data if isinstance(x, xmlrpc.client.Binary) else x for x in p]; print(m); print(repr(p))",
                    f.toString());
            assertEquals(0, r.exitCode(), r.output());
            assertEquals("m\n[1, -7, True, False, 's<&>\"\\'\\r\\n', '', 2.5, -1e-300, [1, [2, 'x']], {'a': {'b': 'c'}}, b'\\x00\\x01\\xff', "
                    + "1.7976931348623157e+308, -2147483648]\n", r.output());
        }
    }

    @Test
    void untypedTextIsAString() throws Exception {
        XmlRpcCall c = codec.parseCall(bytes("<methodCall><methodName>m</methodName><params><param><value>plain</value></param>"
                + "<param><value></value></param><param><value><i4> 42 </i4></value></param></params></methodCall>"));
        assertEquals(List.of("plain", "", 42), c.params());
    }

    @Test
    void readsFaultsAndResponses() throws Exception {
        assertEquals(List.of(1, "ok", 0), codec.parseResponse(XmlRpcCodec.writeResponse(List.of(1, "ok", 0))));
        XmlRpcFault f = assertThrows(XmlRpcFault.class, () -> codec.parseResponse(XmlRpcCodec.writeFault(-32601, "no such method")));
        assertEquals(-32601, f.faultCode());
        assertEquals("no such method", f.faultString());
    }

    @Test
    void refusesTypesAndValuesRosDoesNotUse() {
        assertTrue(refused("<nil/>").contains("unsupported XML-RPC type <nil>"));
        assertTrue(refused("<dateTime.iso8601>20260101T00:00:00</dateTime.iso8601>").contains("unsupported"));
        assertTrue(refused("<int>99999999999</int>").contains("not a 32-bit integer"));
        assertTrue(refused("<boolean>yes</boolean>").contains("not 0 or 1"));
        assertTrue(refused("<double>fast</double>").contains("not a number"));
        assertTrue(refused("<struct><member><value><int>1</int></value></member></struct>").contains("expected <name>"));
    }

    private String refused(String value) {
        return assertThrows(XmlRpcParseException.class, () -> codec.parseCall(bytes("<methodCall><methodName>m</methodName><params><param><value>" + value
                + "</value></param></params></methodCall>"))).getMessage();
    }

    /** "Billion laughs" (entity expansion): refused at the DOCTYPE, nothing expanded. */
    @Test
    @Timeout(10)
    void refusesEntityExpansion() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                dtd.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            }
            dtd.append("\">");
        }
        dtd.append("]><methodCall><methodName>&lol9;</methodName></methodCall>");
        XmlRpcParseException e = assertThrows(XmlRpcParseException.class, () -> codec.parseCall(bytes(dtd.toString())));
        assertFalse(e.getMessage().contains("lollol"), e.getMessage());
    }

    /** An external entity naming a local file: refused, and the file's content never appears. */
    @Test
    @Timeout(10)
    void refusesExternalEntities(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<methodCall><methodName>m</methodName><params><param><value><string>&xxe;</string></value></param></params></methodCall>";
        XmlRpcParseException e = assertThrows(XmlRpcParseException.class, () -> codec.parseCall(bytes(xml)));
        assertFalse(e.getMessage().contains("TOP-SECRET"), e.getMessage());
        // without a DOCTYPE, an undeclared entity is an error too
        assertThrows(XmlRpcParseException.class, () -> codec.parseCall(bytes("<methodCall><methodName>&xxe;</methodName></methodCall>")));
    }

    @Test
    @Timeout(10)
    void boundsDepthElementsAndSize() {
        XmlRpcCodec small = new XmlRpcCodec(new XmlRpcLimits(4096, 20, 50));
        String deep = "<value><array><data>".repeat(10) + "<value>x</value>" + "</data></array></value>".repeat(10);
        XmlRpcParseException e = assertThrows(XmlRpcParseException.class, () -> small.parseCall(bytes(call(deep))));
        assertTrue(e.getMessage().contains("nesting deeper than the limit of 20"), e.getMessage());
        String many = "<value><array><data>" + "<value><i4>1</i4></value>".repeat(40) + "</data></array></value>";
        e = assertThrows(XmlRpcParseException.class, () -> small.parseCall(bytes(call(many))));
        assertTrue(e.getMessage().contains("more than the limit of 50 elements"), e.getMessage());
        e = assertThrows(XmlRpcParseException.class, () -> small.parseCall(new byte[5000]));
        assertTrue(e.getMessage().contains("exceeds the limit of 4096"), e.getMessage());
    }

    private static String call(String value) {
        return "<methodCall><methodName>m</methodName><params><param>" + value + "</param></params></methodCall>";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Fuzz (seeded, bounded in count and time): mutations of valid calls and responses (byte flips, truncation,
     * tag splicing) and random bytes either parse or fail with {@link XmlRpcParseException} (responses: or an
     * {@link XmlRpcFault}), never anything else, and never hang.
     */
    @Test
    @Timeout(90)
    void fuzzNeverThrowsAnythingElse() {
        Random rnd = new Random(20261126L);
        XmlRpcCodec c = new XmlRpcCodec(new XmlRpcLimits(1 << 16, 40, 2000));
        byte[][] seeds = {
                XmlRpcCodec.writeCall("registerPublisher", List.of("/n", "/t", "std_msgs/String", "http://127.0.0.1:1/")),
                XmlRpcCodec.writeCall("setParam", List.of("/n", "/p", Map.of("a", List.of(1, 2.5, true, "x", new byte[] {1, 2}), "b", Map.of("c", "d")))),
                XmlRpcCodec.writeResponse(List.of(1, "ok", List.of(List.of("/t", "std_msgs/String")))),
                XmlRpcCodec.writeFault(-1, "f"),
        };
        String[] splices = {"<value>", "</value>", "<array><data>", "<struct>", "<member>", "<!DOCTYPE x>", "&amp;", "&x;", "<![CDATA[z]]>", "<?pi?>",
                "<!-- c -->", "<i4>", "<base64>", "\u0000", "]]>"};
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int parsed = 0;
        int refused = 0;
        for (int i = 0; i < 50_000 && System.nanoTime() < end; i++) {
            byte[] b;
            if (i % 5 == 0) {
                b = new byte[rnd.nextInt(200)];
                rnd.nextBytes(b);
            } else {
                b = seeds[rnd.nextInt(seeds.length)].clone();
                switch (rnd.nextInt(3)) {
                    case 0 -> {
                        for (int f = 0; f < 1 + rnd.nextInt(3); f++) {
                            b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(128);
                        }
                    }
                    case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length));
                    default -> {
                        String s = new String(b, StandardCharsets.UTF_8);
                        int at = rnd.nextInt(s.length());
                        b = (s.substring(0, at) + splices[rnd.nextInt(splices.length)] + s.substring(at)).getBytes(StandardCharsets.UTF_8);
                    }
                }
            }
            try {
                if (rnd.nextBoolean()) {
                    c.parseCall(b);
                } else {
                    c.parseResponse(b);
                }
                parsed++;
            } catch (XmlRpcParseException | XmlRpcFault e) {
                refused++;
            }
        }
        assertTrue(parsed > 0 && refused > 0, "the fuzz must exercise both outcomes: parsed " + parsed + ", refused " + refused);
    }
}
