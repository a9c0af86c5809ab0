package org.hilbridge.bridge.ros.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hilbridge.bridge.ros.testing.RosPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Name resolution against rosgraph.names.resolve_name (the resolver rospy and rosmaster use). */
class GraphNamesTest {
    private static final String[] NAMES = {"chatter", "/chatter", "~chatter", "a/b", "/a//b/", "~a/b", "", "x/"};
    private static final String[] NODES = {"/node", "/ns/node", "/ns/deep/node"};

    @Test
    @Timeout(60)
    void resolvesAsRosgraph() throws Exception {
        StringBuilder py = new StringBuilder("import rosgraph.names as n\n");
        List<String> ours = new ArrayList<>();
        for (String node : NODES) {
            for (String name : NAMES) {
                py.append("print(n.resolve_name('").append(name).append("', '").append(node).append("'))\n");
                ours.add(GraphNames.resolve(name, node));
            }
        }
        try (RosPeers peers = new RosPeers()) {
            RosPeers.Result r = peers.run(peers.env(null), Duration.ofSeconds(30), RosPeers.PYTHON, "-c", py.toString());
            assertEquals(0, r.exitCode(), r.output());
            assertEquals(r.output().lines().toList(), ours);
        }
    }

    @Test
    void remapsAfterResolving() {
        Map<String, String> remap = Map.of("/ns/chatter", "/other/talk");
        assertEquals("/other/talk", GraphNames.resolve("chatter", "/ns/node", remap));
        assertEquals("/ns/listen", GraphNames.resolve("listen", "/ns/node", remap));
    }
}
