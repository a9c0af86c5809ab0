package org.hilbridge.bridge.ros.master;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hilbridge.bridge.ros.testing.RosPeers;
import org.hilbridge.bridge.ros.xmlrpc.RosResponse;
import org.hilbridge.bridge.ros.xmlrpc.XmlRpcClient;
import org.hilbridge.bridge.ros.xmlrpc.XmlRpcLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The same Master and Parameter Server API calls against Debian's rosmaster (the reference) and our embedded
 * master: every answer's code and value must be equal (status texts are free-form and not compared).
 */
class MasterParityTest {
    private RosPeers peers;
    private EventLoopGroup group;
    private ExecutorService handlers;
    private RosMaster ours;
    private URI reference;
    private XmlRpcClient client;

    @BeforeEach
    void setUp() throws Exception {
        peers = new RosPeers();
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        handlers = Executors.newFixedThreadPool(2);
        client = new XmlRpcClient(group, XmlRpcLimits.DEFAULT, Duration.ofSeconds(3));
        ours = RosMaster.start(client, group, handlers, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "127.0.0.1", XmlRpcLimits.DEFAULT);
        int port = RosPeers.freePort();
        reference = URI.create("http://127.0.0.1:" + port + "/");
        peers.start(peers.env(reference), "rosmaster", "--core", "-p", Integer.toString(port));
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                client.callRosBlocking(reference, "getPid", List.of("/probe"));
                break;
            } catch (java.io.IOException e) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("rosmaster did not come up at " + reference, e);
                }
                Thread.sleep(100);
            }
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (ours != null) {
            ours.close();
        }
        if (peers != null) {
            peers.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        handlers.shutdownNow();
    }

    private void same(String method, Object... args) throws Exception {
        RosResponse want = client.callRosBlocking(reference, method, Arrays.asList(args));
        RosResponse got = client.callRosBlocking(ours.uri(), method, Arrays.asList(args));
        assertEquals(want.code(), got.code(), method + Arrays.toString(args) + " code; rosmaster said: " + want.statusMessage() + "; we said: "
                + got.statusMessage());
        if (want.ok()) {
            assertEquals(normalise(want.value()), normalise(got.value()), method + Arrays.toString(args) + " value");
        }
    }

    /** Orders lists whose order rosmaster leaves to Python's dict iteration (names, system state). */
    private static Object normalise(Object v) {
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                out.add(normalise(o));
            }
            out.sort(Comparator.comparing(String::valueOf));
            return out;
        }
        return v;
    }

    @Test
    @Timeout(60)
    void parameterServerAnswersAsRosmaster() throws Exception {
        same("setParam", "/a", "/x/y", 1);
        same("setParam", "/a", "/x/z", Map.of("p", 2.5, "q", "s", "r", Map.of("deep", true)));
        same("getParam", "/a", "/x");
        same("getParam", "/a", "/x/z/p");
        same("getParam", "/a", "/x/z/r");
        same("getParam", "/a", "/x/missing");
        same("hasParam", "/a", "/x/z");
        same("hasParam", "/a", "/x/nothing");
        same("getParamNames", "/a");
        // relative and private keys resolve against the caller id
        same("setParam", "/ns/node", "rel", 3);
        same("setParam", "/ns/node", "~priv", "p");
        same("getParam", "/other", "/ns/rel");
        same("getParam", "/ns/node", "~priv");
        same("getParam", "/ns/other", "rel");
        // searchParam walks up from the caller's namespace
        same("searchParam", "/x/node", "y");
        same("searchParam", "/x/z/node", "p");
        same("searchParam", "/deep/down/node", "x/z/q");
        same("searchParam", "/deep/down/node", "nowhere");
        same("searchParam", "/ns/node", "rel");
        // replacing a leaf with a dictionary and back
        same("setParam", "/a", "/x/y", Map.of("now", "a dict"));
        same("getParam", "/a", "/x");
        same("setParam", "/a", "/x", 7);
        same("getParam", "/a", "/x/y");
        same("getParam", "/a", "/x");
        same("deleteParam", "/a", "/x");
        same("deleteParam", "/a", "/x");
        same("getParamNames", "/a");
        same("subscribeParam", "/sub", "http://127.0.0.1:9/", "/unset/key");
        same("subscribeParam", "/sub", "http://127.0.0.1:9/", "/ns");
        same("unsubscribeParam", "/sub", "http://127.0.0.1:9/", "/ns");
        same("unsubscribeParam", "/sub", "http://127.0.0.1:9/", "/ns");
        same("getParam", "/a", "/");
    }

    @Test
    @Timeout(60)
    void registrationAnswersAsRosmaster() throws Exception {
        same("registerPublisher", "/n1", "/t", "std_msgs/String", "http://127.0.0.1:9/");
        same("registerSubscriber", "/n2", "/t", "std_msgs/String", "http://127.0.0.1:8/");
        same("registerSubscriber", "/n2", "/only_sub", "std_msgs/Float64", "http://127.0.0.1:8/");
        same("registerPublisher", "/n3", "/t", "std_msgs/String", "http://127.0.0.1:7/");
        same("lookupNode", "/x", "/n1");
        same("lookupNode", "/x", "/nobody");
        same("getPublishedTopics", "/x", "");
        same("getPublishedTopics", "/x", "/t");
        same("getTopicTypes", "/x");
        same("getSystemState", "/x");
        same("registerService", "/n1", "/srv", "rosrpc://127.0.0.1:6", "http://127.0.0.1:9/");
        same("lookupService", "/x", "/srv");
        same("lookupService", "/x", "/nosrv");
        same("unregisterService", "/n1", "/srv", "rosrpc://127.0.0.1:5");
        same("unregisterService", "/n1", "/srv", "rosrpc://127.0.0.1:6");
        same("unregisterPublisher", "/n1", "/t", "http://127.0.0.1:9/");
        same("unregisterPublisher", "/n1", "/t", "http://127.0.0.1:9/");
        same("unregisterSubscriber", "/n2", "/t", "http://127.0.0.1:8/");
        same("getSystemState", "/x");
        same("lookupNode", "/x", "/n1");
        same("lookupNode", "/x", "/n3");
    }
}
