package org.hilbridge.bridge.ros.node;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.hilbridge.bridge.ros.graph.GraphNames;
import org.hilbridge.bridge.ros.master.RosMaster;
import org.hilbridge.bridge.ros.msg.MessageType;
import org.hilbridge.bridge.ros.tcpros.MessageHandler;
import org.hilbridge.bridge.ros.tcpros.TcprosServer;
import org.hilbridge.bridge.ros.tcpros.TopicFanout;
import org.hilbridge.bridge.ros.xmlrpc.RosResponse;
import org.hilbridge.bridge.ros.xmlrpc.XmlRpcClient;
import org.hilbridge.bridge.ros.xmlrpc.XmlRpcLimits;
import org.hilbridge.bridge.ros.xmlrpc.XmlRpcServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ROS 1 node: its slave API (XML-RPC), its TCPROS publisher port, its publishers and subscribers, and
 * (when ROS_MASTER_URI is unset, or {@link MasterMode#EMBEDDED}) an embedded master. Advertised URIs use
 * ROS_HOSTNAME, else ROS_IP, else the machine's host name (http://wiki.ros.org/ROS/EnvironmentVariables).
 * With ROS_MASTER_URI set, the master must answer at start, or {@link #start} fails naming it.
 */
public final class RosNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RosNode.class);

    private final RosNodeConfig config;
    private final String callerId;
    private final Map<String, String> remappings;
    private final EventLoopGroup io;
    private final java.util.concurrent.ExecutorService handlers;
    private final XmlRpcClient client;
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final List<Publisher> publishers = new CopyOnWriteArrayList<>();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final String host;
    private RosMaster master;
    private URI masterUri;
    private XmlRpcServer slave;
    private TcprosServer tcpros;
    private URI slaveUri;
    private volatile boolean closed;

    private RosNode(RosNodeConfig config) {
        this.config = config;
        this.callerId = config.fullName();
        Map<String, String> r = new LinkedHashMap<>();
        config.remappings().forEach((from, to) -> r.put(GraphNames.resolve(from, callerId), GraphNames.resolve(to, callerId)));
        this.remappings = Map.copyOf(r);
        this.host = advertisedHost(config.environment());
        this.io = new MultiThreadIoEventLoopGroup(config.ioThreads(), NioIoHandler.newFactory());
        this.handlers = java.util.concurrent.Executors.newFixedThreadPool(2, task -> {
            Thread t = new Thread(task, callerId + "-xmlrpc");
            t.setDaemon(true);
            return t;
        });
        this.client = new XmlRpcClient(io, XmlRpcLimits.DEFAULT, config.callTimeout());
    }

    /** Starts the node: its servers, and the embedded master or the check that ROS_MASTER_URI answers. */
    public static RosNode start(RosNodeConfig config) throws IOException, InterruptedException {
        RosNode n = new RosNode(Objects.requireNonNull(config, "config"));
        try {
            n.open();
            return n;
        } catch (IOException | InterruptedException | RuntimeException e) {
            n.close();
            throw e;
        }
    }

    private void open() throws IOException, InterruptedException {
        InetAddress bind = bindAddress(host);
        String envMaster = config.environment().get("ROS_MASTER_URI");
        if (config.masterMode() == MasterMode.AUTO && envMaster != null && !envMaster.isBlank()) {
            masterUri = parseMasterUri(envMaster);
            try {
                RosResponse r = client.callRosBlocking(masterUri, "getPid", List.of(callerId));
                if (!r.ok()) {
                    throw new IOException("getPid answered " + r.code() + ": " + r.statusMessage());
                }
            } catch (IOException e) {
                throw new MasterUnreachableException("the ROS master at " + masterUri + " (ROS_MASTER_URI) does not answer: " + e.getMessage()
                        + ". Start that master, or unset ROS_MASTER_URI to use hilbridge's embedded master; hilbridge never starts a second "
                        + "ROS graph on its own.", e);
            }
            log.info("{}: using the ROS master at {} (ROS_MASTER_URI)", callerId, masterUri);
        } else {
            master = RosMaster.start(client, io, handlers, new InetSocketAddress(bind, config.embeddedMasterPort()), host, XmlRpcLimits.DEFAULT);
            masterUri = master.uri();
        }
        slave = XmlRpcServer.start(callerId, io, handlers, new InetSocketAddress(bind, 0), XmlRpcLimits.DEFAULT, new SlaveApi(this));
        slaveUri = URI.create("http://" + host + ":" + slave.port() + "/");
        tcpros = new TcprosServer(callerId, io, new InetSocketAddress(bind, 0));
        log.info("{}: node up, slave API {} , TCPROS port {}, master {}", callerId, slaveUri, tcpros.port(), masterUri);
    }

    private static URI parseMasterUri(String s) throws MasterUnreachableException {
        try {
            URI u = URI.create(s.trim());
            if (u.getHost() == null || u.getPort() < 0) {
                throw new IllegalArgumentException("it needs a host and a port, e.g. http://localhost:11311");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new MasterUnreachableException("ROS_MASTER_URI '" + s + "' is not a master URI: " + e.getMessage(), e);
        }
    }

    /** ROS_HOSTNAME, else ROS_IP, else this machine's host name (rosgraph.network.get_host_name). */
    static String advertisedHost(Map<String, String> env) {
        String h = env.get("ROS_HOSTNAME");
        if (h != null && !h.isBlank()) {
            return h.trim();
        }
        h = env.get("ROS_IP");
        if (h != null && !h.isBlank()) {
            return h.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Loopback-only when the advertised host is a loopback address (nobody else could reach us anyway); else every interface. */
    private static InetAddress bindAddress(String host) throws UnknownHostException {
        InetAddress a;
        try {
            a = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new UnknownHostException("the advertised host '" + host + "' (ROS_HOSTNAME / ROS_IP / host name) does not resolve");
        }
        return a.isLoopbackAddress() ? a : new InetSocketAddress(0).getAddress();
    }

    // ------------------------------------------------------------------ API

    public String callerId() {
        return callerId;
    }

    public URI masterUri() {
        return masterUri;
    }

    public URI slaveUri() {
        return slaveUri;
    }

    /** The embedded master, or null when the node uses ROS_MASTER_URI. */
    public RosMaster embeddedMaster() {
        return master;
    }

    public String advertisedHost() {
        return host;
    }

    public int tcprosPort() {
        return tcpros.port();
    }

    public RosNodeConfig config() {
        return config;
    }

    /** Resolves a topic name against this node's namespace and remappings. */
    public String resolve(String name) {
        return GraphNames.resolve(name, callerId, remappings);
    }

    /**
     * Advertises {@code topic}. A latched topic sends its last message to each new subscriber; each subscriber
     * connection queues up to {@code queueDepth} messages and drops its oldest beyond that. A node advertises a
     * topic once (a second advertise of the same resolved name is an {@link IllegalStateException}). Blocks for
     * the master's answer: call it from an application thread, never from a message handler.
     */
    public Publisher advertise(String topic, MessageType type, boolean latched, int queueDepth) throws IOException, InterruptedException {
        checkOpen();
        String name = resolve(topic);
        TopicFanout f = new TopicFanout(name, type, latched, queueDepth, alloc);
        tcpros.add(f);
        Publisher p = new Publisher(this, f);
        publishers.add(p);
        try {
            masterCall("registerPublisher", List.of(callerId, name, type.name(), slaveUri.toString()));
        } catch (IOException e) {
            publishers.remove(p);
            tcpros.remove(f);
            throw e;
        }
        log.info("{}: publishing {} [{}]{}", callerId, name, type.name(), latched ? " (latched)" : "");
        return p;
    }

    /**
     * Subscribes to {@code topic}; {@code handler} gets every message body from every publisher (tcp_nodelay
     * requested), on an I/O thread. Blocks for the master's answer: never call it from a message handler.
     */
    public Subscriber subscribe(String topic, MessageType type, MessageHandler handler) throws IOException, InterruptedException {
        checkOpen();
        String name = resolve(topic);
        Subscriber s = new Subscriber(this, name, type, handler, true);
        subscribers.add(s);
        Object pubs;
        try {
            pubs = masterCall("registerSubscriber", List.of(callerId, name, type.name(), slaveUri.toString()));
        } catch (IOException e) {
            subscribers.remove(s);
            throw e;
        }
        s.update(stringList(pubs));
        log.info("{}: subscribed to {} [{}]", callerId, name, type.name());
        return s;
    }

    /** The topics this node advertises now (a snapshot), for summaries and diagnostics. */
    public List<Publisher> publishers() {
        return List.copyOf(publishers);
    }

    /** The topics this node subscribes to now (a snapshot): connected publishers, for a run waiting for its controller. */
    public List<Subscriber> subscriptions() {
        return List.copyOf(subscribers);
    }

    List<Subscriber> subscribers() {
        return subscribers;
    }

    XmlRpcClient client() {
        return client;
    }

    EventLoopGroup ioGroup() {
        return io;
    }

    void unadvertise(Publisher p) {
        if (!publishers.remove(p)) {
            return;
        }
        tcpros.remove(p.fanout());
        tryMasterCall("unregisterPublisher", List.of(callerId, p.topic(), slaveUri.toString()));
    }

    void unsubscribe(Subscriber s) {
        if (!subscribers.remove(s)) {
            return;
        }
        s.closeLinks();
        // the master knows the node, not each Subscriber: unregister when the node's last one on the topic goes
        if (subscribers.stream().noneMatch(x -> x.topic().equals(s.topic()))) {
            tryMasterCall("unregisterSubscriber", List.of(callerId, s.topic(), slaveUri.toString()));
        }
    }

    private Object masterCall(String method, List<?> args) throws IOException, InterruptedException {
        RosResponse r = client.callRosBlocking(masterUri, method, args);
        if (!r.ok()) {
            throw new IOException(method + " at the master " + masterUri + " answered " + r.code() + ": " + r.statusMessage());
        }
        return r.value();
    }

    private void tryMasterCall(String method, List<?> args) {
        try {
            masterCall(method, args);
        } catch (IOException e) {
            log.warn("{}: {} failed: {}", callerId, method, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(callerId + " is shut down");
        }
    }

    static List<String> stringList(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** A slave-API shutdown request (e.g. a second node took our name): close, off the handler thread. */
    void shutdownRequested(String caller, String why) {
        log.warn("{}: shutdown requested by {}: {}", callerId, caller, why);
        Thread t = new Thread(this::close, callerId + "-shutdown");
        t.setDaemon(true);
        t.start();
    }

    public boolean isClosed() {
        return closed;
    }

    /** Unregisters every publisher and subscriber from the master, closes every connection and server. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (slaveUri != null) {
            for (Publisher p : new ArrayList<>(publishers)) {
                unadvertise(p);
            }
            for (Subscriber s : new ArrayList<>(subscribers)) {
                unsubscribe(s);
            }
        }
        if (tcpros != null) {
            tcpros.close();
        }
        if (slave != null) {
            slave.close();
        }
        if (master != null) {
            master.close();
        }
        // I/O first: its channels still hand their last events to handler executors while closing
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        handlers.shutdown();
        try {
            handlers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("{}: node shut down", callerId);
    }
}
