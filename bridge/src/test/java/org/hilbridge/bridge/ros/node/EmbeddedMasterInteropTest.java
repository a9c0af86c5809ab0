package org.hilbridge.bridge.ros.node;

import org.hilbridge.bridge.ros.testing.RosPeers;

/** {@link RosGraphInteropBase} with the embedded master (ROS_MASTER_URI unset). */
class EmbeddedMasterInteropTest extends RosGraphInteropBase {
    @Override
    RosNodeConfig nodeConfig(RosPeers peers) {
        return RosNodeConfig.of(NODE, loopback(null)).withMaster(MasterMode.AUTO, 0);
    }
}
