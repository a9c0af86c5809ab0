package org.hilbridge.hil.config;

import static org.hilbridge.hil.config.ConfigErrors.assertConfigError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hilbridge.bridge.socket.server.SocketServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket.* keys: defaults (launch/config/bridge.properties), overrides, the token from the environment, and bad values. */
class SocketConfigTest {
    private final BridgeConfigLoader loader = new BridgeConfigLoader();

    @Test
    void theSocketIsOffOnLoopbackByDefault() {
        BridgeConfig c = loader.load(null, Map.of(), List.of());
        assertFalse(c.socketEnabled());
        assertEquals(SocketServerConfig.defaults(), c.socket());
        assertEquals("127.0.0.1", c.socket().bindAddress());
        assertEquals(7447, c.socket().port());
        assertNull(c.socket().token());
        assertFalse(c.socket().tls());
    }

    @TempDir
    Path dir;

    @Test
    void everySocketKeyIsRead() throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n");
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n");
        BridgeConfig c = loader.load(null, Map.of("HILBRIDGE__SOCKET__TOKEN", "from-env"), List.of("socket.enabled=true",
                "socket.bind_address=0.0.0.0", "socket.port=0", "socket.tls_cert_path=" + cert, "socket.tls_key_path=" + key,
                "socket.max_frame_bytes=4096", "socket.handshake_timeout_ms=100", "socket.idle_timeout_ms=200", "socket.client_queue_frames=3",
                "socket.direct_pixels=false", "socket.camera_depth=true", "socket.camera_labels=true", "socket.await_clients=2"));
        assertTrue(c.socketEnabled());
        assertEquals(new SocketServerConfig("0.0.0.0", 0, "from-env", cert, key, 4096, 100, 200, 3,
                false, true, true, 2), c.socket());
    }

    @Test
    void aTokenOnTheCommandLineOverridesTheEnvironment() {
        BridgeConfig c = loader.load(null, Map.of("HILBRIDGE__SOCKET__TOKEN", "from-env"), List.of("socket.token=from-set"));
        assertEquals("from-set", c.socket().token());
    }

    @Test
    void badValuesNameTheirKey() {
        assertConfigError(() -> loader.load(null, Map.of(), List.of("socket.port=70000")),
                "key 'socket.port' = '70000' is not allowed: expected an integer in [0, 65535]");
        assertConfigError(() -> loader.load(null, Map.of(), List.of("socket.client_queue_frames=0")), "socket.client_queue_frames");
        assertConfigError(() -> loader.load(null, Map.of(), List.of("socket.tls_cert_path=/etc/hb/cert.pem")),
                "key 'socket.tls_cert_path' = '/etc/hb/cert.pem' is not allowed: TLS needs both socket.tls_cert_path and socket.tls_key_path");
        assertConfigError(() -> loader.load(null, Map.of(), List.of("socket.tls_cert_path=/nonexistent/cert.pem", "socket.tls_key_path=/nonexistent/key.pem")),
                "key 'socket.tls_cert_path' = '/nonexistent/cert.pem' is not allowed: no readable file there");
    }
}
