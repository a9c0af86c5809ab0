package org.hilbridge.bridge.ros.node;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.hilbridge.bridge.ros.testing.RosPeers;
import org.hilbridge.bridge.ros.xmlrpc.XmlRpcClient;

/** {@link RosGraphInteropBase} registered with Debian's {@code rosmaster --core -p PORT}. */
class RosmasterInteropTest extends RosGraphInteropBase {
    @Override
    RosNodeConfig nodeConfig(RosPeers peers) throws Exception {
        int port = RosPeers.freePort();
        URI uri = URI.create("http://127.0.0.1:" + port + "/");
        peers.start(peers.env(uri), "rosmaster", "--core", "-p", Integer.toString(port));
        awaitMaster(uri);
        return RosNodeConfig.of(NODE, loopback(uri));
    }

    /** Waits until rosmaster answers getPid (it takes a second or two to start). */
    static void awaitMaster(URI uri) throws Exception {
        var group = new io.netty.channel.MultiThreadIoEventLoopGroup(1, io.netty.channel.nio.NioIoHandler.newFactory());
        try {
            XmlRpcClient c = new XmlRpcClient(group, org.hilbridge.bridge.ros.xmlrpc.XmlRpcLimits.DEFAULT, Duration.ofSeconds(2));
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                try {
                    if (c.callRosBlocking(uri, "getPid", List.of("/probe")).ok()) {
                        return;
                    }
                } catch (java.io.IOException e) {
                    if (System.nanoTime() > end) {
                        throw new AssertionError("rosmaster at " + uri + " did not come up: " + e.getMessage());
                    }
                }
                Thread.sleep(100);
            }
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
