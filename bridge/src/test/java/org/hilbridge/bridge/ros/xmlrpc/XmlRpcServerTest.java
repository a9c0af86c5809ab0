package org.hilbridge.bridge.ros.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The XML-RPC server and client over real sockets, including hostile HTTP (huge Content-Length, oversized bodies, hostile XML). */
class XmlRpcServerTest {
    private static final int MAX_BODY = 64 * 1024;
    private EventLoopGroup group;
    private ExecutorService handlers;
    private XmlRpcServer server;
    private XmlRpcClient client;
    private URI uri;

    @BeforeEach
    void setUp() throws Exception {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        handlers = Executors.newFixedThreadPool(2);
        XmlRpcHandler echo = (method, params) -> switch (method) {
            case "echo" -> params;
            case "boom" -> throw new IllegalStateException("boom");
            default -> throw new XmlRpcFault(XmlRpcFault.METHOD_NOT_FOUND, "no method " + method);
        };
        server = XmlRpcServer.start("test", group, handlers, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new XmlRpcLimits(MAX_BODY, 32, 10_000), echo);
        uri = URI.create("http://127.0.0.1:" + server.port() + "/");
        client = new XmlRpcClient(group, XmlRpcLimits.DEFAULT, Duration.ofSeconds(5));
    }

    @AfterEach
    void tearDown() {
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        handlers.shutdownNow();
    }

    @Test
    @Timeout(20)
    void answersCallsFaultsAndMulticall() throws Exception {
        assertEquals(List.of("a", 1, Map.of("k", List.of(true))), client.call(uri, "echo", List.of("a", 1, Map.of("k", List.of(true)))).get());
        ExecutionException e = assertThrows(ExecutionException.class, () -> client.call(uri, "nope", List.of()).get());
        assertEquals(XmlRpcFault.METHOD_NOT_FOUND, ((XmlRpcFault) e.getCause()).faultCode());
        e = assertThrows(ExecutionException.class, () -> client.call(uri, "boom", List.of()).get());
        assertEquals(XmlRpcFault.INTERNAL_ERROR, ((XmlRpcFault) e.getCause()).faultCode());
        Object multi = client.call(uri, "system.multicall", List.of(List.of(
                Map.of("methodName", "echo", "params", List.of(1)),
                Map.of("methodName", "nope", "params", List.of())))).get();
        assertEquals(List.of(List.of(List.of(1)), Map.of("faultCode", XmlRpcFault.METHOD_NOT_FOUND, "faultString", "no method nope")), multi);
    }

    @Test
    @Timeout(20)
    void hugeContentLengthIsAnswered413AndClosed() throws Exception {
        String reply = raw("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: 99999999999\r\n\r\n<methodCall>");
        assertTrue(reply.startsWith("HTTP/1.1 413"), reply);
        assertTrue(reply.contains("exceeds the limit of " + MAX_BODY), reply);
        assertStillServes();
    }

    @Test
    @Timeout(20)
    void oversizedChunkedBodyIsRefused() throws Exception {
        String chunk = "x".repeat(8192);
        StringBuilder req = new StringBuilder("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < (MAX_BODY / chunk.length()) + 2; i++) {
            req.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        req.append("0\r\n\r\n");
        String reply = raw(req.toString());
        assertTrue(reply.startsWith("HTTP/1.1 413"), reply);
        assertStillServes();
    }

    @Test
    @Timeout(20)
    void hostileXmlOverHttpIsAParseFault() throws Exception {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><methodCall><methodName>&c;</methodName></methodCall>";
        String reply = raw("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nConnection: close\r\nContent-Length: "
                + bomb.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + bomb);
        assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
        assertTrue(reply.contains("<int>-32700</int>") || reply.contains("<i4>-32700</i4>"), reply);
        assertStillServes();
    }

    @Test
    @Timeout(20)
    void garbageIsAnsweredBadRequest() throws Exception {
        String reply = raw("\u0001\u0002 this is not HTTP\r\n\r\n");
        assertTrue(reply.isEmpty() || reply.startsWith("HTTP/1.1 400"), reply);
        assertStillServes();
    }

    private void assertStillServes() throws Exception {
        assertEquals(List.of("still up"), client.call(uri, "echo", List.of("still up")).get());
    }

    /** Sends raw bytes and reads until the server closes (or 5 s pass). */
    private String raw(String request) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (java.io.IOException closedEarly) {
                // the server may close before reading everything we send; its answer is still there to read
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    got.write(buf, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // a reset after the answer (unread request bytes) is fine
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
