package org.hilbridge.hil.ros;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.hilbridge.bridge.ros.msg.MessageType;
import org.hilbridge.bridge.ros.sink.RosGraph;

/**
 * Sits between the ROS sink and the node and checks, at the moment of publishing, that no header stamp is
 * ahead of the last /clock published (DESIGN.md: a node with use_sim_time never sees a stamp from its
 * future), counting the stamps that equal it. Reads the stamp where ROS serialisation puts it: std_msgs/Header
 * is uint32 seq, then time stamp (uint32 secs, uint32 nsecs), little-endian (http://wiki.ros.org/msg); a
 * tf2_msgs/TFMessage is an int32 count, then TransformStamped, each starting with a Header.
 */
final class StampCheckingGraph implements RosGraph {
    private static final Set<String> HEADER_FIRST = Set.of("sensor_msgs/Image", "sensor_msgs/CameraInfo", "sensor_msgs/PointCloud2",
            "sensor_msgs/Imu", "sensor_msgs/NavSatFix", "nav_msgs/Odometry", "diagnostic_msgs/DiagnosticArray");

    private final RosGraph inner;
    private final String clockTopic;
    private final String tfStaticTopic;
    private volatile long lastClockNanos = -1;
    final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong checked = new AtomicLong();
    final AtomicLong equalToClock = new AtomicLong();

    StampCheckingGraph(RosGraph inner, String clockTopic, String tfStaticTopic) {
        this.inner = inner;
        this.clockTopic = clockTopic;
        this.tfStaticTopic = tfStaticTopic;
    }

    @Override
    public Publisher advertise(String topic, MessageType type, boolean latched) throws IOException, InterruptedException {
        Publisher p = inner.advertise(topic, type, latched);
        return new Publisher() {
            @Override
            public void publish(ByteBuf body) {
                check(topic, type.name(), body);
                p.publish(body);
            }

            @Override
            public long droppedTotal() {
                return p.droppedTotal();
            }
        };
    }

    private static long time(ByteBuf b, int offset) {
        return b.getUnsignedIntLE(b.readerIndex() + offset) * 1_000_000_000L + b.getUnsignedIntLE(b.readerIndex() + offset + 4);
    }

    private void check(String topic, String type, ByteBuf body) {
        if (topic.equals(clockTopic)) {
            long t = time(body, 0);
            if (t < lastClockNanos) {
                violations.add("/clock went back from " + lastClockNanos + " to " + t);
            }
            lastClockNanos = t;
            return;
        }
        long stamp;
        if (topic.equals(tfStaticTopic)) {
            return; // static transforms are stamped 0 and published before any clock (tf2 ignores their time)
        } else if (type.equals("tf2_msgs/TFMessage")) {
            stamp = time(body, 4 + 4);
        } else if (HEADER_FIRST.contains(type)) {
            stamp = time(body, 4);
        } else {
            return;
        }
        checked.incrementAndGet();
        if (stamp > lastClockNanos) {
            violations.add(topic + " stamped " + stamp + " ns, ahead of /clock " + lastClockNanos + " ns");
        } else if (stamp == lastClockNanos) {
            equalToClock.incrementAndGet();
        }
    }

    @Override
    public void subscribe(String topic, MessageType type, Consumer<ByteBuf> handler) throws IOException, InterruptedException {
        inner.subscribe(topic, type, handler);
    }
}
