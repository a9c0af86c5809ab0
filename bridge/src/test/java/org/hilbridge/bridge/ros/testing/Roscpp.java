package org.hilbridge.bridge.ros.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Compiles a roscpp program the way PEERS.md says: g++ -O2 x.cpp $(pkg-config --cflags --libs roscpp sensor_msgs std_msgs). */
public final class Roscpp {
    private Roscpp() {
    }

    public static Path compile(RosPeers peers, Path source, String name) throws IOException, InterruptedException {
        RosPeers.requireTool("g++");
        RosPeers.requireTool("pkg-config");
        Path exe = peers.home().resolve(name);
        RosPeers.Result r = peers.run(peers.env(null), Duration.ofMinutes(5), "/bin/sh", "-c",
                "g++ -O2 -o '" + exe + "' '" + source + "' $(pkg-config --cflags --libs roscpp std_msgs sensor_msgs)");
        if (r.exitCode() != 0) {
            throw new AssertionError("compiling " + source + " failed (is libroscpp-dev installed?):\n" + r.output());
        }
        return exe;
    }
}
