package org.hilbridge.bridge.ros.node;

import java.util.ArrayList;
import java.util.List;
import org.hilbridge.bridge.ros.tcpros.PublisherLink;
import org.hilbridge.bridge.ros.tcpros.SubscriberLinkStats;
import org.hilbridge.bridge.ros.xmlrpc.RosResponse;
import org.hilbridge.bridge.ros.xmlrpc.XmlRpcFault;
import org.hilbridge.bridge.ros.xmlrpc.XmlRpcHandler;

/** A node's Slave API (http://wiki.ros.org/ROS/Slave_API), answered as roscpp/rospy answer it. */
final class SlaveApi implements XmlRpcHandler {
    private final RosNode node;

    SlaveApi(RosNode node) {
        this.node = node;
    }

    @Override
    public Object handle(String method, List<Object> p) throws XmlRpcFault {
        if (p.isEmpty() || !(p.get(0) instanceof String caller)) {
            return RosResponse.error(method + ": the first argument must be the caller_id string").toXmlRpc();
        }
        return (switch (method) {
            case "getBusStats" -> RosResponse.success("bus stats", busStats());
            case "getBusInfo" -> RosResponse.success("bus info", busInfo());
            case "getMasterUri" -> RosResponse.success("", node.masterUri().toString());
            case "shutdown" -> {
                node.shutdownRequested(caller, p.size() > 1 ? String.valueOf(p.get(1)) : "");
                yield RosResponse.success("shutdown", 0);
            }
            case "getPid" -> RosResponse.success("", (int) ProcessHandle.current().pid());
            case "getSubscriptions" -> RosResponse.success("subscriptions",
                    node.subscribers().stream().map(s -> (Object) List.of(s.topic(), s.type().name())).toList());
            case "getPublications" -> RosResponse.success("publications",
                    node.publishers().stream().map(x -> (Object) List.of(x.topic(), x.type().name())).toList());
            case "paramUpdate" -> RosResponse.success("", 0);
            case "publisherUpdate" -> publisherUpdate(p);
            case "requestTopic" -> requestTopic(p);
            default -> throw new XmlRpcFault(XmlRpcFault.METHOD_NOT_FOUND, "method \"" + method + "\" is not part of the ROS slave API");
        }).toXmlRpc();
    }

    private RosResponse publisherUpdate(List<Object> p) {
        if (p.size() < 3 || !(p.get(1) instanceof String topic) || !(p.get(2) instanceof List<?>)) {
            return RosResponse.error("publisherUpdate takes (caller_id, topic, publishers[])");
        }
        for (Subscriber s : node.subscribers()) {
            if (s.topic().equals(topic)) {
                s.update(RosNode.stringList(p.get(2)));
            }
        }
        return RosResponse.success("publisher update received", 0);
    }

    private RosResponse requestTopic(List<Object> p) {
        if (p.size() < 3 || !(p.get(1) instanceof String topic) || !(p.get(2) instanceof List<?> protocols)) {
            return RosResponse.error("requestTopic takes (caller_id, topic, protocols[])");
        }
        if (node.publishers().stream().noneMatch(x -> x.topic().equals(topic))) {
            return RosResponse.error("Not a publisher of [" + topic + "]");
        }
        for (Object proto : protocols) {
            if (proto instanceof List<?> l && !l.isEmpty() && "TCPROS".equals(l.get(0))) {
                return RosResponse.success("ready on " + node.advertisedHost() + ":" + node.tcprosPort(), List.of("TCPROS", node.advertisedHost(), node.tcprosPort()));
            }
        }
        return new RosResponse(RosResponse.FAILURE, "no supported protocol implementations", List.of());
    }

    /** [connectionId, destinationId, direction, transport, topic, connected, info] per connection (rospy's get_bus_info). */
    private List<Object> busInfo() {
        List<Object> out = new ArrayList<>();
        for (Publisher x : node.publishers()) {
            for (SubscriberLinkStats s : x.subscribers()) {
                out.add(List.of(s.connectionId(), s.subscriberCallerId(), "o", "TCPROS", x.topic(), s.connected(), "TCPROS connection on port "
                        + node.tcprosPort() + " to [" + s.remoteAddress() + "]"));
            }
        }
        int id = 1_000_000;
        for (Subscriber s : node.subscribers()) {
            for (PublisherLink l : s.links()) {
                out.add(List.of(id++, l.publisherUri(), "i", "TCPROS", s.topic(), l.connected(), "TCPROS connection to [" + l.publisherUri() + "]"));
            }
        }
        return out;
    }

    /** [publishStats, subscribeStats, serviceStats] (http://wiki.ros.org/ROS/Slave_API getBusStats). */
    private List<Object> busStats() {
        List<Object> pubs = new ArrayList<>();
        for (Publisher x : node.publishers()) {
            List<Object> conns = new ArrayList<>();
            long bytes = 0;
            for (SubscriberLinkStats s : x.subscribers()) {
                conns.add(List.of(s.connectionId(), clampInt(s.bytesSent()), clampInt(s.messagesSent()), s.connected()));
                bytes += s.bytesSent();
            }
            pubs.add(List.of(x.topic(), clampInt(bytes), conns));
        }
        List<Object> subs = new ArrayList<>();
        int id = 1_000_000;
        for (Subscriber s : node.subscribers()) {
            List<Object> conns = new ArrayList<>();
            for (PublisherLink l : s.links()) {
                conns.add(List.of(id++, clampInt(l.bytesReceived()), -1, l.connected()));
            }
            subs.add(List.of(s.topic(), conns));
        }
        return List.of(pubs, subs, List.of());
    }

    /** XML-RPC integers are 32-bit; counters saturate rather than wrap. */
    private static int clampInt(long v) {
        return (int) Math.min(Integer.MAX_VALUE, v);
    }
}
