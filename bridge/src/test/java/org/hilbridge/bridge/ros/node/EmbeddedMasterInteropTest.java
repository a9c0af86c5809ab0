package org.hilbridge.bridge.ros.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.hilbridge.bridge.ros.testing.RosPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link RosGraphInteropBase} with the embedded master (ROS_MASTER_URI unset), plus rosparam and roslaunch against it. */
class EmbeddedMasterInteropTest extends RosGraphInteropBase {
    @Override
    RosNodeConfig nodeConfig(RosPeers peers) {
        return RosNodeConfig.of(NODE, loopback(null)).withMaster(MasterMode.AUTO, 0);
    }

    @Test
    @Timeout(120)
    void rosparamSetGetListDeleteWorkOnTheEmbeddedMaster() throws Exception {
        assertEquals(0, peers.run(env(), TOOL, "rosparam", "set", "/hil/gain", "2.5").exitCode());
        assertEquals(0, peers.run(env(), TOOL, "rosparam", "set", "/hil/cfg", "{a: 1, b: {c: hello, d: [1, 2.5, 'x']}, e: true}").exitCode());
        assertEquals("2.5", peers.run(env(), TOOL, "rosparam", "get", "/hil/gain").output().trim());
        assertEquals("hello", peers.run(env(), TOOL, "rosparam", "get", "/hil/cfg/b/c").output().trim());
        String dict = peers.run(env(), TOOL, "rosparam", "get", "/hil/cfg").output();
        assertTrue(dict.contains("a: 1") && dict.contains("c: hello") && dict.contains("e: true"), "rosparam get of a namespace: " + dict);
        String list = peers.run(env(), TOOL, "rosparam", "list").output();
        for (String key : new String[] {"/hil/gain", "/hil/cfg/a", "/hil/cfg/b/c", "/hil/cfg/b/d", "/hil/cfg/e"}) {
            assertTrue(list.lines().anyMatch(key::equals), "rosparam list lacks " + key + ": " + list);
        }
        assertEquals(0, peers.run(env(), TOOL, "rosparam", "delete", "/hil/gain").exitCode());
        assertFalse(peers.run(env(), TOOL, "rosparam", "list").output().lines().anyMatch("/hil/gain"::equals));
        RosPeers.Result missing = peers.run(env(), TOOL, "rosparam", "get", "/hil/gain");
        assertTrue(missing.exitCode() != 0, "rosparam get of a deleted key must fail: " + missing.output());
    }

    @Test
    @Timeout(180)
    void roslaunchWithPortUsesOurMaster() throws Exception {
        // a ROS package holding a launch file with parameters and a Python node (PEERS.md: roslaunch finds
        // packages through ROS_PACKAGE_PATH and runs <node type="T"> from the package folder)
        Path pkg = peers.home().resolve("pkgs/hil_launch_test");
        Files.createDirectories(pkg.resolve("scripts"));
        Files.writeString(pkg.resolve("package.xml"), """
                <?xml version="1.0"?>
                <package format="2">
                  <name>hil_launch_test</name><version>0.0.1</version><description>test</description>
                  <maintainer email="t@example.org">t</maintainer><license>BSD</license>
                  <buildtool_depend>catkin</buildtool_depend>
                </package>
                """);
        Path script = pkg.resolve("scripts/launched_node");
        Files.writeString(script, """
                #!/usr/bin/python3
                import rospy
                from std_msgs.msg import String
                rospy.init_node('launched_node')
                greeting = rospy.get_param('~greeting')
                pub = rospy.Publisher('/hil/launched', String, queue_size=1, latch=True)
                pub.publish(String(data=greeting))
                rospy.spin()
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path launch = pkg.resolve("test.launch");
        Files.writeString(launch, """
                <launch>
                  <param name="hil_rate" value="30" type="int"/>
                  <group ns="cam">
                    <param name="frame" value="camera_optical"/>
                  </group>
                  <node pkg="hil_launch_test" type="launched_node" name="launched_node" output="screen">
                    <param name="greeting" value="launched via our master"/>
                  </node>
                </launch>
                """);
        Map<String, String> env = new HashMap<>(env());
        env.put("ROS_PACKAGE_PATH", peers.home().resolve("pkgs").toString());
        Process roslaunch = peers.start(env, "roslaunch", "-p", Integer.toString(node.masterUri().getPort()), launch.toString());
        RosGraphInteropBase.awaitTrue(() -> {
            try {
                return peers.run(env(), TOOL, "rosnode", "list").output().lines().anyMatch("/launched_node"::equals);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, TOOL, "/launched_node to register with our master; roslaunch said:\n" + peers.output(roslaunch));
        assertEquals("30", peers.run(env(), TOOL, "rosparam", "get", "/hil_rate").output().trim());
        assertEquals("camera_optical", peers.run(env(), TOOL, "rosparam", "get", "/cam/frame").output().trim());
        assertEquals("launched via our master", peers.run(env(), TOOL, "rosparam", "get", "/launched_node/greeting").output().trim());
        RosPeers.Result echo = peers.run(env(), TOOL, "rostopic", "echo", "-n", "1", "/hil/launched");
        assertTrue(echo.output().contains("data: \"launched via our master\""), echo.output());
        String out = peers.output(roslaunch);
        assertFalse(out.contains("starting new master"), "roslaunch must use our master, not start its own:\n" + out);
    }
}
