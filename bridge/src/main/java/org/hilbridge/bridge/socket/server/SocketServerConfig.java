package org.hilbridge.bridge.socket.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the socket server listens and treats its clients. The hil configuration's socket.* keys fill it
 * (launch/config/bridge.properties documents each).
 *
 * @param bindAddress        address to listen on; 127.0.0.1 unless a rig needs the socket on a network
 * @param port               TCP port; 0 asks the OS for a free one ({@link SocketServer#port()} tells which)
 * @param token              shared secret every Hello must carry, or null for none
 * @param tlsCertPath        PEM certificate chain for TLS, or null for plain TCP (with tlsKeyPath)
 * @param tlsKeyPath         PEM PKCS#8 private key for TLS, or null
 * @param maxFrameBytes      largest frame accepted from a client; a longer length prefix closes it
 * @param handshakeTimeoutMs a connection that sends no Hello within this is closed
 * @param idleTimeoutMs      a session that sends nothing within this is closed (Ping keeps it open)
 * @param clientQueueFrames  sensor frames queued per client before it loses its oldest
 * @param directPixels       copy a camera's pixels once per frame into direct memory (shared by all clients)
 * @param cameraDepth        send each camera frame's depth channel
 * @param cameraLabels       send each camera frame's semantic labels
 * @param awaitClients       clients the run waits for (welcomed) before its first step: a lockstep run or an
 *                           external stack that must see the first samples (0: start at once)
 */
public record SocketServerConfig(String bindAddress, int port, String token, Path tlsCertPath, Path tlsKeyPath, int maxFrameBytes,
                                 int handshakeTimeoutMs, int idleTimeoutMs, int clientQueueFrames, boolean directPixels,
                                 boolean cameraDepth, boolean cameraLabels, int awaitClients) {
    /** The documented default port (launch/config/bridge.properties, socket.port). */
    public static final int DEFAULT_PORT = 7447;
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    public SocketServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("socket.port = " + port + " is not allowed: it must be in [0, 65535] (0: any free port)");
        }
        if ((tlsCertPath == null) != (tlsKeyPath == null)) {
            throw new IllegalArgumentException("socket.tls_cert_path = " + tlsCertPath + " and socket.tls_key_path = " + tlsKeyPath
                    + " are not allowed: TLS needs both or neither");
        }
        requireAtLeast("socket.max_frame_bytes", maxFrameBytes, 64);
        requireAtLeast("socket.handshake_timeout_ms", handshakeTimeoutMs, 1);
        requireAtLeast("socket.idle_timeout_ms", idleTimeoutMs, 1);
        requireAtLeast("socket.client_queue_frames", clientQueueFrames, 1);
        requireAtLeast("socket.await_clients", awaitClients, 0);
        if (token != null && token.isEmpty()) {
            token = null;
        }
    }

    private static void requireAtLeast(String key, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " = " + value + " is not allowed: it must be >= " + min);
        }
    }

    /** Loopback, the default port, no token, no TLS, 1 MiB client frames, 5 s handshake, 10 s idle, 16 frames queued. */
    public static SocketServerConfig defaults() {
        return new SocketServerConfig(DEFAULT_BIND_ADDRESS, DEFAULT_PORT, null, null, null, 1 << 20, 5_000, 10_000, 16, true, false, false, 0);
    }

    public boolean tls() {
        return tlsCertPath != null;
    }

    public SocketServerConfig withPort(int newPort) {
        return new SocketServerConfig(bindAddress, newPort, token, tlsCertPath, tlsKeyPath, maxFrameBytes, handshakeTimeoutMs, idleTimeoutMs,
                clientQueueFrames, directPixels, cameraDepth, cameraLabels, awaitClients);
    }

    public SocketServerConfig withToken(String newToken) {
        return new SocketServerConfig(bindAddress, port, newToken, tlsCertPath, tlsKeyPath, maxFrameBytes, handshakeTimeoutMs, idleTimeoutMs,
                clientQueueFrames, directPixels, cameraDepth, cameraLabels, awaitClients);
    }

    public SocketServerConfig withTls(Path certPath, Path keyPath) {
        return new SocketServerConfig(bindAddress, port, token, certPath, keyPath, maxFrameBytes, handshakeTimeoutMs, idleTimeoutMs,
                clientQueueFrames, directPixels, cameraDepth, cameraLabels, awaitClients);
    }

    public SocketServerConfig withTimeoutsMs(int handshakeMs, int idleMs) {
        return new SocketServerConfig(bindAddress, port, token, tlsCertPath, tlsKeyPath, maxFrameBytes, handshakeMs, idleMs,
                clientQueueFrames, directPixels, cameraDepth, cameraLabels, awaitClients);
    }

    public SocketServerConfig withClientQueueFrames(int frames) {
        return new SocketServerConfig(bindAddress, port, token, tlsCertPath, tlsKeyPath, maxFrameBytes, handshakeTimeoutMs, idleTimeoutMs,
                frames, directPixels, cameraDepth, cameraLabels, awaitClients);
    }

    public SocketServerConfig withMaxFrameBytes(int bytes) {
        return new SocketServerConfig(bindAddress, port, token, tlsCertPath, tlsKeyPath, bytes, handshakeTimeoutMs, idleTimeoutMs,
                clientQueueFrames, directPixels, cameraDepth, cameraLabels, awaitClients);
    }

    public SocketServerConfig withCameraChannels(boolean directPixelCopy, boolean depth, boolean labels) {
        return new SocketServerConfig(bindAddress, port, token, tlsCertPath, tlsKeyPath, maxFrameBytes, handshakeTimeoutMs, idleTimeoutMs,
                clientQueueFrames, directPixelCopy, depth, labels, awaitClients);
    }
}
