package org.hilbridge.bridge.ros.node;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hilbridge.bridge.ros.msg.MessageType;
import org.hilbridge.bridge.ros.tcpros.MessageHandler;
import org.hilbridge.bridge.ros.tcpros.PublisherLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A topic this node subscribes to: one TCPROS connection per publisher, following the master's
 * publisherUpdate calls (http://wiki.ros.org/ROS/Slave_API: publisherUpdate gives the full current list).
 */
public final class Subscriber implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Subscriber.class);

    private final RosNode node;
    private final String topic;
    private final MessageType type;
    private final MessageHandler handler;
    private final boolean tcpNoDelay;
    private final Map<String, PublisherLink> links = new LinkedHashMap<>(); // by publisher slave URI, guarded by this
    private final Set<String> pending = new HashSet<>(); // requestTopic in flight, guarded by this
    private boolean closed; // guarded by this

    Subscriber(RosNode node, String topic, MessageType type, MessageHandler handler, boolean tcpNoDelay) {
        this.node = node;
        this.topic = topic;
        this.type = type;
        this.handler = handler;
        this.tcpNoDelay = tcpNoDelay;
    }

    public String topic() {
        return topic;
    }

    public MessageType type() {
        return type;
    }

    /** Publishers connected now (handshake done). */
    public synchronized int connectedPublishers() {
        return (int) links.values().stream().filter(PublisherLink::connected).count();
    }

    synchronized List<PublisherLink> links() {
        return new ArrayList<>(links.values());
    }

    /** Connects to new publishers and drops the ones no longer listed. */
    synchronized void update(List<String> publisherUris) {
        if (closed) {
            return;
        }
        Set<String> wanted = new HashSet<>(publisherUris);
        links.entrySet().removeIf(e -> {
            if (!wanted.contains(e.getKey())) {
                log.info("{}: publisher {} is gone", topic, e.getKey());
                e.getValue().close();
                return true;
            }
            return false;
        });
        for (String uri : publisherUris) {
            if (!links.containsKey(uri) && pending.add(uri)) {
                request(uri);
            }
        }
    }

    /** Slave API requestTopic, then a TCPROS connection to the host and port it names. */
    private void request(String uri) {
        URI target;
        try {
            target = URI.create(uri);
        } catch (IllegalArgumentException e) {
            log.warn("{}: publisher URI '{}' is not a URI", topic, uri);
            pending.remove(uri);
            return;
        }
        node.client().callRos(target, "requestTopic", List.of(node.callerId(), topic, List.of(List.of("TCPROS")))).whenComplete((r, err) -> {
            synchronized (this) {
                pending.remove(uri);
                if (err != null || !r.ok()) {
                    log.warn("{}: requestTopic at {} failed: {}", topic, uri, err != null ? err.getMessage() : r.statusMessage());
                    return;
                }
                if (!(r.value() instanceof List<?> p) || p.size() < 3 || !"TCPROS".equals(p.get(0)) || !(p.get(1) instanceof String host)
                        || !(p.get(2) instanceof Integer port)) {
                    log.warn("{}: publisher {} offered no TCPROS endpoint: {}", topic, uri, r.value());
                    return;
                }
                if (closed || links.containsKey(uri)) {
                    return;
                }
                PublisherLink link = PublisherLink.connect(node.ioGroup(), node.callerId(), topic, type, uri, host, port, tcpNoDelay, node.config().maxMessageBytes(),
                        handler, () -> linkClosed(uri));
                links.put(uri, link);
                if (!link.isOpen()) {
                    links.remove(uri); // it closed before it was listed: linkClosed found nothing to remove
                }
            }
        });
    }

    private synchronized void linkClosed(String uri) {
        PublisherLink l = links.get(uri);
        if (l != null && !l.connected()) {
            links.remove(uri);
        }
    }

    synchronized void closeLinks() {
        closed = true;
        links.values().forEach(PublisherLink::close);
        links.clear();
    }

    /** Unregisters from the master and closes every publisher connection. */
    @Override
    public void close() {
        node.unsubscribe(this);
    }
}
