package org.hilbridge.hil.ros;

import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.hilbridge.bridge.link.CommandIntake;
import org.hilbridge.bridge.link.StreamInfo;
import org.hilbridge.bridge.ros.msg.MessageCatalog;
import org.hilbridge.bridge.ros.node.NodeGraph;
import org.hilbridge.bridge.ros.node.Publisher;
import org.hilbridge.bridge.ros.node.RosNode;
import org.hilbridge.bridge.ros.node.Subscriber;
import org.hilbridge.bridge.ros.sink.RosCommandInput;
import org.hilbridge.bridge.ros.sink.RosSink;
import org.hilbridge.bridge.ros.sink.TopicNames;
import org.hilbridge.bridge.ros.tcpros.SubscriberLinkStats;
import org.hilbridge.hil.config.RosSettings;
import org.hilbridge.hil.runner.Runner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's ROS 1 side (ros.enabled): the TCPROS node, started from {@link RosSettings}; the {@link RosSink} that
 * publishes the runner's samples through it (unless the recorder's sink does, see {@link #graph()}); the
 * {@link RosCommandInput} that takes /cmd_vel, /cmd_vel_stamped and /ackermann_cmd into the runner's arbiter.
 * {@link #close()} unregisters every topic and shuts the node down (idempotent, any thread).
 */
public final class RosLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RosLink.class);

    private final RosSettings settings;
    private final RosNode node;
    private final NodeGraph graph;
    private RosCommandInput commands;

    private RosLink(RosSettings settings, RosNode node) {
        this.settings = settings;
        this.node = node;
        this.graph = new NodeGraph(node, settings.queueDepth());
    }

    /**
     * Starts the node: the embedded master, or the check that the master at ROS_MASTER_URI answers.
     *
     * @param environment the process environment (ROS_MASTER_URI, ROS_IP, ROS_HOSTNAME)
     * @throws org.hilbridge.bridge.ros.node.MasterUnreachableException naming the URI when an external master does not answer
     * @throws IllegalArgumentException for ros.master = external without ROS_MASTER_URI
     */
    public static RosLink start(RosSettings settings, Map<String, String> environment) throws IOException, InterruptedException {
        Objects.requireNonNull(settings, "settings");
        return new RosLink(settings, RosNode.start(settings.nodeConfig(environment)));
    }

    public RosNode node() {
        return node;
    }

    /** The node as the mapping side's graph: hand it to the recorder as its network graph. */
    public NodeGraph graph() {
        return graph;
    }

    /**
     * Takes ROS commands into {@code runner}'s arbiter, and, when {@code publishSamples} (no recorder publishing
     * them already through {@link #graph()}), attaches a {@link RosSink} for every stream of the runner. The sink
     * never blocks on the network (a slow subscriber loses its own oldest messages), so it has an ordinary
     * runner queue in every pacing.
     */
    public void attach(Runner runner, boolean publishSamples) throws IOException, InterruptedException {
        if (publishSamples) {
            runner.attach(newSink(runner.streams()));
        }
        takeCommands(runner.arbiter());
    }

    /** A sink publishing {@code streams} through the node with the configured topics and frames. */
    public RosSink newSink(List<StreamInfo> streams) throws IOException, InterruptedException {
        return new RosSink(graph, MessageCatalog.standard(), streams, settings.sink(), PooledByteBufAllocator.DEFAULT);
    }

    /** Subscribes to the three command topics, into {@code intake}; once. */
    public void takeCommands(CommandIntake intake) throws IOException, InterruptedException {
        if (commands != null) {
            throw new IllegalStateException("the ROS command topics are already taken into an arbiter");
        }
        commands = new RosCommandInput(graph, MessageCatalog.standard(), settings.sink().topics(), intake);
    }

    /**
     * Waits until {@code controllers} ROS controllers are connected (ros.await_controllers): that many subscriber
     * connections on the topic of the control stream {@code controlStream} (so its first sample reaches them) and
     * as many publisher connections on the command topics (so their answer reaches the arbiter). A ROS stack in
     * lockstep needs both before the first step, or lockstep's first wait times out into a safe stop.
     *
     * @return false when {@code cancelled} said stop before they were there
     * @throws IllegalArgumentException naming runner.lockstep_stream when the control stream is not in {@code streams}
     */
    public boolean awaitControllers(int controllers, List<StreamInfo> streams, String controlStream, BooleanSupplier cancelled)
            throws InterruptedException {
        if (controllers <= 0) {
            return true;
        }
        StreamInfo control = streams.stream().filter(s -> s.streamId().equals(controlStream)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("runner.lockstep_stream = '" + controlStream + "' is not a sensor of the scenario "
                        + "(ros.await_controllers waits for subscribers of its topic): allowed are "
                        + streams.stream().map(StreamInfo::streamId).toList()));
        TopicNames topics = settings.sink().topics();
        String controlTopic = node.resolve(topics.resolve(TopicNames.Topic.ofKind(control.kind()), control.streamId()));
        List<String> commandTopics = List.of(node.resolve(topics.resolve(TopicNames.Topic.CMD_VEL)),
                node.resolve(topics.resolve(TopicNames.Topic.CMD_VEL_STAMPED)), node.resolve(topics.resolve(TopicNames.Topic.ACKERMANN_CMD)));
        while (!cancelled.getAsBoolean()) {
            long listeners = node.publishers().stream().filter(p -> p.topic().equals(controlTopic))
                    .mapToLong(p -> p.subscribers().stream().filter(SubscriberLinkStats::connected).count()).sum();
            long commanders = node.subscriptions().stream().filter(s -> commandTopics.contains(s.topic())).mapToLong(Subscriber::connectedPublishers).sum();
            if (listeners >= controllers && commanders >= controllers) {
                LOG.info("{} subscriber(s) on {} and {} publisher(s) on the command topics: starting", listeners, controlTopic, commanders);
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** For the summary: each advertised topic with its subscriber connections, messages published and dropped. */
    public List<String> summaryLines() {
        List<String> out = new ArrayList<>();
        out.add(String.format("ros node      %s, master %s%s", node.callerId(), node.masterUri(), node.embeddedMaster() != null ? " (embedded)" : ""));
        for (Publisher p : node.publishers()) {
            var links = p.subscribers();
            long connected = links.stream().filter(s -> s.connected()).count();
            out.add(String.format("ros topic     %-28s %d subscriber(s) (%d connected now), %d published, %d dropped", p.topic(), links.size(),
                    connected, p.publishedCount(), p.droppedTotal()));
        }
        if (commands != null) {
            out.add(String.format("ros commands  %d applied, %d refused, %d malformed", commands.applied(), commands.refused(), commands.malformed()));
        }
        return out;
    }

    @Override
    public void close() {
        if (!node.isClosed()) {
            LOG.info("unregistering {} from {}", node.callerId(), node.masterUri());
        }
        node.close();
    }
}
