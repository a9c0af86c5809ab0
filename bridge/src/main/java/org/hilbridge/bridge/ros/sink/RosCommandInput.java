package org.hilbridge.bridge.ros.sink;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.hilbridge.bridge.link.CommandIntake;
import org.hilbridge.bridge.link.Verdict;
import org.hilbridge.bridge.ros.msg.MessageCatalog;
import org.hilbridge.bridge.ros.serial.CommandDecoder;
import org.hilbridge.bridge.ros.serial.DecodedCommand;
import org.hilbridge.bridge.ros.sink.TopicNames.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes commands from ROS into the runner's command arbiter: /cmd_vel (geometry_msgs/Twist, unattributed),
 * /cmd_vel_stamped (TwistStamped) and /ackermann_cmd (ackermann_msgs/AckermannDriveStamped), the stamped
 * ones attributed to the sample whose capture time they carry. The source named to the arbiter is
 * "ros:" + the topic. A body that does not decode is refused with a log line (the first of each topic, then
 * every 1000th, with the count) and never reaches the arbiter. Thread-safe.
 */
public final class RosCommandInput {
    private static final Logger LOG = LoggerFactory.getLogger(RosCommandInput.class);
    private static final long LOG_EVERY = 1000;

    private final CommandIntake intake;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();

    public RosCommandInput(RosGraph graph, MessageCatalog catalog, TopicNames topics, CommandIntake intake) throws IOException, InterruptedException {
        this.intake = Objects.requireNonNull(intake, "intake");
        subscribe(graph, catalog, topics.resolve(Topic.CMD_VEL), CommandDecoder.TWIST);
        subscribe(graph, catalog, topics.resolve(Topic.CMD_VEL_STAMPED), CommandDecoder.TWIST_STAMPED);
        subscribe(graph, catalog, topics.resolve(Topic.ACKERMANN_CMD), CommandDecoder.ACKERMANN_DRIVE_STAMPED);
    }

    private void subscribe(RosGraph graph, MessageCatalog catalog, String topic, String type) throws IOException, InterruptedException {
        String source = "ros:" + topic;
        graph.subscribe(topic, catalog.type(type), body -> handle(source, type, body));
    }

    /** Decodes and submits one body; returns the arbiter's verdict, or null when the body was refused as malformed. */
    Verdict handle(String source, String type, ByteBuf body) {
        DecodedCommand c;
        try {
            c = CommandDecoder.decode(type, body);
        } catch (IllegalArgumentException e) {
            long n = malformed.incrementAndGet();
            if (n == 1 || n % LOG_EVERY == 0) {
                LOG.warn("refused a message on {} ({} malformed so far): {}", source, n, e.getMessage());
            }
            return null;
        }
        Verdict v = c.submitTo(intake, source);
        (v.accepted() ? applied : refused).incrementAndGet();
        return v;
    }

    /** Commands the arbiter applied. */
    public long applied() {
        return applied.get();
    }

    /** Commands the arbiter refused (lease, stale, unknown sample, ...). */
    public long refused() {
        return refused.get();
    }

    /** Bodies that did not decode. */
    public long malformed() {
        return malformed.get();
    }
}
