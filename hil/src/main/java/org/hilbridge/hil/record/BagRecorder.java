package org.hilbridge.hil.record;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.hilbridge.bridge.link.SampleSink;
import org.hilbridge.bridge.link.StreamInfo;
import org.hilbridge.bridge.ros.msg.MessageCatalog;
import org.hilbridge.bridge.ros.msg.MessageType;
import org.hilbridge.bridge.ros.sink.RosGraph;
import org.hilbridge.bridge.ros.sink.RosSink;
import org.hilbridge.bridge.ros.sink.RosSinkConfig;
import org.hilbridge.hil.arbiter.AppliedCommand;
import org.hilbridge.hil.runner.CommandTap;
import org.hilbridge.sim.sensor.SensorSample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a run into a ROS bag: a {@link RosSink} publishes each sample through a {@link RecordingGraph}, so
 * the bag holds every message the ROS side sends (stamped with the sample's capture time), and the commands
 * the vehicle was driven by go to /hilbridge/applied_command (see {@link CommandLog}) at the step they took
 * effect; /hilbridge/run (latched, time 0) holds the scenario, configuration and seed. Commands arrive on the
 * simulation thread and are queued; samples arrive on this sink's thread, which writes both. {@link #close()}
 * (idempotent, any thread) finishes the bag: index section and bag header.
 */
public final class BagRecorder implements SampleSink, CommandTap {
    private static final Logger LOG = LoggerFactory.getLogger(BagRecorder.class);
    public static final String CALLERID = "/hilbridge";

    private final BagWriter bag;
    private final RecordingGraph graph;
    private final RosSink sink;
    private final RosGraph.Publisher commands;
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    private record Pending(long stepNanos, String text) {
    }

    private BagRecorder(BagWriter bag, RecordingGraph graph, RosSink sink, RosGraph.Publisher commands) {
        this.bag = bag;
        this.graph = graph;
        this.sink = sink;
        this.commands = commands;
    }

    /**
     * Creates the bag and advertises every topic.
     *
     * @param network the node that also publishes on the network, or null to record only
     */
    public static BagRecorder open(Path path, TopicSelection topics, List<StreamInfo> streams, RunInfo run, RosSinkConfig config,
                                   RosGraph network, ByteBufAllocator alloc) throws IOException, InterruptedException {
        Objects.requireNonNull(run, "run");
        BagWriter bag = BagWriter.create(path);
        try {
            RecordingGraph graph = new RecordingGraph(bag, network, topics, CALLERID);
            MessageCatalog catalog = MessageCatalog.standard();
            MessageType string = catalog.type("std_msgs/String");
            graph.setTimeNanos(0);
            graph.advertise(RunInfo.TOPIC, string, true).publish(Unpooled.wrappedBuffer(stringMessage(run.toText())));
            RosGraph.Publisher commands = graph.advertise(CommandLog.TOPIC, string, false);
            RosSink sink = new RosSink(graph, catalog, streams, config, alloc);
            topics.requireAmong(graph.advertised());
            return new BagRecorder(bag, graph, sink, commands);
        } catch (IOException | InterruptedException | RuntimeException e) {
            bag.close();
            throw e;
        }
    }

    /** std_msgs/String: uint32 length, UTF-8 bytes (ROS serialisation, http://wiki.ros.org/msg). */
    static byte[] stringMessage(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + utf8.length).order(ByteOrder.LITTLE_ENDIAN).putInt(utf8.length).put(utf8).array();
    }

    @Override
    public String name() {
        return "recorder";
    }

    @Override
    public void accept(SensorSample sample) throws IOException {
        drainCommands();
        graph.setTimeNanos(sample.captureNanos());
        sink.accept(sample);
    }

    @Override
    public void applied(long stepNanos, AppliedCommand command) {
        pending.add(new Pending(stepNanos, CommandLog.applied(stepNanos, command)));
    }

    @Override
    public void controllerSilent(long stepNanos) {
        pending.add(new Pending(stepNanos, CommandLog.silent(stepNanos)));
    }

    private void drainCommands() {
        for (Pending p = pending.poll(); p != null; p = pending.poll()) {
            graph.setTimeNanos(p.stepNanos());
            commands.publish(Unpooled.wrappedBuffer(stringMessage(p.text())));
        }
    }

    /** Called by the runner on the sink's thread after the last sample, and by the CLI at the end or on a signal. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            drainCommands();
            bag.close();
        } catch (IOException | RuntimeException e) {
            LOG.error("closing bag {} failed: {}", bag.path(), e.toString());
        }
    }

    public Path path() {
        return bag.path();
    }

    public long messageCount() {
        return bag.messageCount();
    }

    public long sizeBytes() throws IOException {
        return bag.sizeBytes();
    }

    /** {@link #sizeBytes()} for progress lines: -1 when the size cannot be read. */
    public long sizeBytesNow() {
        try {
            return bag.sizeBytes();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
