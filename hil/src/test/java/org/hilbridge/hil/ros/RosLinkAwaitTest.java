package org.hilbridge.hil.ros;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hilbridge.bridge.link.StreamInfo;
import org.hilbridge.hil.config.BridgeConfigLoader;
import org.hilbridge.hil.config.RosSettings;
import org.hilbridge.sim.sensor.SensorMount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ros.await_controllers: the wait before the first step ends when the caller cancels it (SIGINT during the
 * wait), is skipped for 0, and a control stream the scenario lacks is refused naming runner.lockstep_stream.
 * (StackLaunchTest shows the wait ending when the rospy stack connects.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RosLinkAwaitTest {
    private static final List<StreamInfo> STREAMS = List.of(new StreamInfo("wheel_odom", "wheel_odometry", 50, "odom", SensorMount.atBaseLink(), null, null));

    private static RosLink start() throws Exception {
        RosSettings s = new BridgeConfigLoader().load(null, Map.of(), List.of("ros.enabled=true", "ros.master=embedded", "ros.master_port=0")).ros();
        return RosLink.start(s, Map.of("ROS_IP", "127.0.0.1"));
    }

    @Test
    void nobodyConnectedWaitsUntilCancelledAndZeroDoesNotWait() throws Exception {
        try (RosLink link = start()) {
            long[] polls = {0};
            assertFalse(link.awaitControllers(1, STREAMS, "wheel_odom", () -> ++polls[0] > 5), "cancelled: no controller connected");
            assertTrue(polls[0] > 5, "it polled until cancelled");
            assertTrue(link.awaitControllers(0, STREAMS, "wheel_odom", () -> true), "0 controllers: no wait at all");
        }
    }

    @Test
    void aControlStreamTheScenarioLacksIsRefusedByKey() throws Exception {
        try (RosLink link = start()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> link.awaitControllers(1, STREAMS, "ground_truth", () -> false));
            assertTrue(e.getMessage().contains("runner.lockstep_stream = 'ground_truth'") && e.getMessage().contains("wheel_odom"), e.getMessage());
        }
    }
}
