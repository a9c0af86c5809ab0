package org.hilbridge.bridge.ros.master;

import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.hilbridge.bridge.ros.graph.GraphNames;
import org.hilbridge.bridge.ros.xmlrpc.RosResponse;
import org.hilbridge.bridge.ros.xmlrpc.XmlRpcClient;
import org.hilbridge.bridge.ros.xmlrpc.XmlRpcFault;
import org.hilbridge.bridge.ros.xmlrpc.XmlRpcHandler;
import org.hilbridge.bridge.ros.xmlrpc.XmlRpcLimits;
import org.hilbridge.bridge.ros.xmlrpc.XmlRpcServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded ROS master: the Master API (http://wiki.ros.org/ROS/Master_API) and the Parameter Server API
 * (http://wiki.ros.org/ROS/Parameter%20Server%20API) with the answers and semantics of ros_comm's rosmaster,
 * which rostopic, rosnode, rosparam, rosbag and roslaunch expect. Subscribers hear about publishers through
 * publisherUpdate and parameter subscribers through paramUpdate, sent asynchronously and in order per node.
 */
public final class RosMaster implements XmlRpcHandler, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RosMaster.class);
    /** The caller id the master uses in its own calls to nodes (rosmaster: "/master"). */
    static final String MASTER_CALLER_ID = "/master";

    private final Registrations reg = new Registrations();
    private final ParameterServer params = new ParameterServer();
    private final XmlRpcClient client;
    private final Map<String, CompletableFuture<?>> lastNotification = new HashMap<>(); // per node API, guarded by this
    private final XmlRpcServer server;
    private final URI uri;

    private RosMaster(XmlRpcClient client, EventLoopGroup group, java.util.concurrent.Executor handlers, InetSocketAddress bind, String advertisedHost,
                      XmlRpcLimits limits) throws InterruptedException {
        this.client = client;
        this.server = XmlRpcServer.start("master", group, handlers, bind, limits, this);
        this.uri = URI.create("http://" + advertisedHost + ":" + server.port() + "/");
        log.info("ROS master at {}", uri);
    }

    /** Starts a master listening on {@code bind} (port 0: any free port), advertising {@code advertisedHost}. */
    public static RosMaster start(XmlRpcClient client, EventLoopGroup group, java.util.concurrent.Executor handlers, InetSocketAddress bind, String advertisedHost,
                                  XmlRpcLimits limits) throws InterruptedException {
        return new RosMaster(client, group, handlers, bind, advertisedHost, limits);
    }

    public URI uri() {
        return uri;
    }

    @Override
    public void close() {
        server.close();
    }

    // ------------------------------------------------------------------ dispatch

    @Override
    public synchronized Object handle(String method, List<Object> p) throws XmlRpcFault {
        Args a = new Args(method, p);
        try {
            return dispatch(method, a).toXmlRpc();
        } catch (IllegalArgumentException e) {
            return RosResponse.error(e.getMessage()).toXmlRpc();
        }
    }

    private RosResponse dispatch(String method, Args a) throws XmlRpcFault {
        String caller = a.str(0, "caller_id");
        return switch (method) {
            case "registerService" -> registerService(caller, a.name(1, "service"), a.str(2, "service_api"), a.str(3, "caller_api"));
            case "unregisterService" -> unregisterService(caller, a.name(1, "service"), a.str(2, "service_api"));
            case "registerSubscriber" -> registerSubscriber(caller, a.name(1, "topic"), a.str(2, "topic_type"), a.str(3, "caller_api"));
            case "unregisterSubscriber" -> unregisterSubscriber(caller, a.name(1, "topic"), a.str(2, "caller_api"));
            case "registerPublisher" -> registerPublisher(caller, a.name(1, "topic"), a.str(2, "topic_type"), a.str(3, "caller_api"));
            case "unregisterPublisher" -> unregisterPublisher(caller, a.name(1, "topic"), a.str(2, "caller_api"));
            case "lookupNode" -> lookupNode(a.name(1, "node_name"));
            case "getPublishedTopics" -> getPublishedTopics(a.str(1, "subgraph"));
            case "getTopicTypes" -> RosResponse.success("current topics", pairs(reg.topicTypes));
            case "getSystemState" -> RosResponse.success("current system state",
                    List.of(Registrations.state(reg.publishers), Registrations.state(reg.subscribers), serviceState()));
            case "getUri" -> RosResponse.success("", uri.toString());
            case "lookupService" -> lookupService(a.name(1, "service"));
            case "getPid" -> RosResponse.success("", (int) ProcessHandle.current().pid());
            case "deleteParam" -> deleteParam(caller, a.name(1, "key"));
            case "setParam" -> setParam(caller, a.name(1, "key"), a.any(2, "value"));
            case "getParam" -> getParam(a.name(1, "key"));
            case "searchParam" -> searchParam(caller, a.str(1, "key"));
            case "subscribeParam" -> RosResponse.success("Subscribed to parameter", subscribeParam(caller, a.str(1, "caller_api"), a.name(2, "key")));
            case "unsubscribeParam" -> unsubscribeParam(caller, a.str(1, "caller_api"), a.name(2, "key"));
            case "hasParam" -> {
                String key = a.name(1, "key");
                yield RosResponse.success(key, params.has(key));
            }
            case "getParamNames" -> RosResponse.success("Parameter names", params.names());
            default -> throw new XmlRpcFault(XmlRpcFault.METHOD_NOT_FOUND, "method \"" + method + "\" is not supported by this master");
        };
    }

    /** Reads positional arguments; a missing or mistyped one is an ERROR answer naming it. Names resolve against the caller. */
    private static final class Args {
        private final String method;
        private final List<Object> p;

        Args(String method, List<Object> p) {
            this.method = method;
            this.p = p;
        }

        Object any(int i, String what) {
            if (i >= p.size()) {
                throw new IllegalArgumentException(method + ": missing argument " + (i + 1) + " (" + what + ")");
            }
            return p.get(i);
        }

        String str(int i, String what) {
            Object v = any(i, what);
            if (!(v instanceof String s)) {
                throw new IllegalArgumentException(method + ": argument " + (i + 1) + " (" + what + ") must be a string, got " + v);
            }
            return s;
        }

        /** A graph name, resolved relative to the caller id (rosmaster's apivalidate is_graph_name + resolve). */
        String name(int i, String what) {
            String s = str(i, what);
            String caller = str(0, "caller_id");
            return GraphNames.resolve(s, caller.isEmpty() ? "/" : caller);
        }
    }

    // ------------------------------------------------------------------ registrations

    /**
     * Records a node's slave API. A node registering under a name another API holds replaces it, and the old one is
     * told to shut down (rosmaster: "new node registered with same name").
     */
    private void noteNode(String callerId, String callerApi) {
        String old = reg.nodeApis.get(callerId);
        if (old != null && !old.equals(callerApi)) {
            log.warn("master: node {} re-registered from {} (was {}); the old one is told to shut down", callerId, callerApi, old);
            params.dropSubscriber(callerId);
            List<String> topics = reg.dropNode(callerId);
            notify(old, "shutdown", List.of(MASTER_CALLER_ID, "new node registered with same name"));
            topics.forEach(this::publisherUpdate);
        }
        reg.nodeApis.put(callerId, callerApi);
    }

    private void forgetIfIdle(String callerId) {
        if (!reg.hasAny(callerId) && !params.hasSubscriptions(callerId)) {
            reg.nodeApis.remove(callerId);
        }
    }

    private RosResponse registerService(String caller, String service, String serviceApi, String callerApi) {
        noteNode(caller, callerApi);
        reg.services.put(service, new Registrations.Entry(caller, callerApi, serviceApi));
        return RosResponse.success("Registered [" + caller + "] as provider of [" + service + "]", 1);
    }

    private RosResponse unregisterService(String caller, String service, String serviceApi) {
        Registrations.Entry e = reg.services.get(service);
        if (e == null || !e.callerId().equals(caller) || !e.serviceApi().equals(serviceApi)) {
            return RosResponse.success("[" + caller + "] is not a registered provider of [" + service + "]", 0);
        }
        reg.services.remove(service);
        forgetIfIdle(caller);
        return RosResponse.success("Unregistered [" + caller + "] as provider of [" + service + "]", 1);
    }

    private RosResponse lookupService(String service) {
        Registrations.Entry e = reg.services.get(service);
        if (e == null) {
            return RosResponse.error("no provider");
        }
        return RosResponse.success("rosrpc URI: [" + e.serviceApi() + "]", e.serviceApi());
    }

    private RosResponse registerSubscriber(String caller, String topic, String type, String callerApi) {
        noteNode(caller, callerApi);
        Registrations.add(reg.subscribers, topic, caller, callerApi);
        if (!type.equals("*") || !reg.topicTypes.containsKey(topic)) {
            reg.topicTypes.put(topic, type);
        }
        return RosResponse.success("Subscribed to [" + topic + "]", Registrations.apis(reg.publishers, topic));
    }

    private RosResponse unregisterSubscriber(String caller, String topic, String callerApi) {
        boolean removed = Registrations.remove(reg.subscribers, topic, caller, callerApi);
        forgetIfIdle(caller);
        return RosResponse.success(removed ? "Unregistered [" + caller + "] as subscriber of [" + topic + "]" : "[" + caller + "] is not a subscriber of ["
                + topic + "]", removed ? 1 : 0);
    }

    private RosResponse registerPublisher(String caller, String topic, String type, String callerApi) {
        noteNode(caller, callerApi);
        Registrations.add(reg.publishers, topic, caller, callerApi);
        if (!type.equals("*") || !reg.topicTypes.containsKey(topic)) {
            reg.topicTypes.put(topic, type);
        }
        publisherUpdate(topic);
        return RosResponse.success("Registered [" + caller + "] as publisher of [" + topic + "]", Registrations.apis(reg.subscribers, topic));
    }

    private RosResponse unregisterPublisher(String caller, String topic, String callerApi) {
        boolean removed = Registrations.remove(reg.publishers, topic, caller, callerApi);
        if (removed) {
            publisherUpdate(topic);
        }
        forgetIfIdle(caller);
        return RosResponse.success(removed ? "Unregistered [" + caller + "] as publisher of [" + topic + "]" : "[" + caller + "] is not a publisher of ["
                + topic + "]", removed ? 1 : 0);
    }

    /** Tells every subscriber of {@code topic} its current publishers (Slave API publisherUpdate). */
    private void publisherUpdate(String topic) {
        List<String> pubs = Registrations.apis(reg.publishers, topic);
        for (String api : Registrations.apis(reg.subscribers, topic)) {
            notify(api, "publisherUpdate", List.of(MASTER_CALLER_ID, topic, pubs));
        }
    }

    private RosResponse lookupNode(String node) {
        String api = reg.nodeApis.get(node);
        return api == null ? RosResponse.error("unknown node [" + node + "]") : RosResponse.success("node api", api);
    }

    private RosResponse getPublishedTopics(String subgraph) {
        String prefix = subgraph.isEmpty() ? "/" : (subgraph.endsWith("/") ? subgraph : subgraph + "/");
        List<Object> out = new ArrayList<>();
        for (String topic : reg.publishers.keySet()) {
            if (topic.startsWith(prefix) || prefix.equals("/")) {
                out.add(List.of(topic, reg.topicTypes.getOrDefault(topic, "*")));
            }
        }
        return RosResponse.success("current topics", out);
    }

    private List<Object> serviceState() {
        List<Object> out = new ArrayList<>();
        reg.services.forEach((name, e) -> out.add(List.of(name, List.of(e.callerId()))));
        return out;
    }

    private static List<Object> pairs(Map<String, String> m) {
        List<Object> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(List.of(k, v)));
        return out;
    }

    // ------------------------------------------------------------------ parameters

    private RosResponse setParam(String caller, String key, Object value) {
        List<ParameterServer.Update> updates = params.set(key, value);
        send(updates, caller);
        return RosResponse.success("parameter " + key + " set", 0);
    }

    private RosResponse getParam(String key) {
        Object v = params.get(key);
        return v == null ? RosResponse.error("Parameter [" + key + "] is not set") : RosResponse.success("Parameter [" + key + "]", v);
    }

    private RosResponse deleteParam(String caller, String key) {
        List<ParameterServer.Update> updates = new ArrayList<>();
        if (!params.delete(key, updates)) {
            return RosResponse.error("parameter [" + key + "] is not set");
        }
        send(updates, caller);
        return RosResponse.success("parameter " + key + " deleted", 0);
    }

    private RosResponse searchParam(String caller, String key) {
        String found = params.search(caller, key);
        return found == null ? RosResponse.error("Cannot find parameter [" + key + "] in an upwards search") : RosResponse.success("Found [" + found + "]",
                found);
    }

    private Object subscribeParam(String caller, String callerApi, String key) {
        noteNode(caller, callerApi);
        return params.subscribe(caller, callerApi, key);
    }

    private RosResponse unsubscribeParam(String caller, String callerApi, String key) {
        params.unsubscribe(caller, callerApi, key);
        forgetIfIdle(caller);
        // rosmaster answers 1 whether or not the caller was subscribed (master_api.py unsubscribeParam)
        return RosResponse.success("Unsubscribe to parameter [" + key + "]", 1);
    }

    /** Sends paramUpdate for each change, except to the caller that made it (rosmaster's caller_id_to_ignore). */
    private void send(List<ParameterServer.Update> updates, String caller) {
        for (ParameterServer.Update u : updates) {
            if (!u.callerId().equals(caller)) {
                notify(u.callerApi(), "paramUpdate", List.of(MASTER_CALLER_ID, u.key(), u.value()));
            }
        }
    }

    // ------------------------------------------------------------------ notifications

    /** Calls a node asynchronously, after the previous notification to the same node has finished (keeps order). */
    private void notify(String api, String method, List<Object> args) {
        URI target;
        try {
            target = URI.create(api);
        } catch (IllegalArgumentException e) {
            log.warn("master: cannot notify node at '{}' ({}): not a URI", api, method);
            return;
        }
        CompletableFuture<?> previous = lastNotification.getOrDefault(api, CompletableFuture.completedFuture(null));
        CompletableFuture<?> next = previous.handle((x, err) -> null)
                .thenCompose(x -> client.callRos(target, method, args))
                .whenComplete((r, err) -> {
                    if (err != null) {
                        log.warn("master: {} to {} failed: {}", method, api, err.getMessage());
                    }
                });
        lastNotification.put(api, next);
        next.whenComplete((r, err) -> {
            synchronized (RosMaster.this) {
                lastNotification.remove(api, next);
            }
        });
    }
}
