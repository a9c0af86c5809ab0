package org.hilbridge.bridge.ros.sink;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hilbridge.bridge.ros.msg.MessageType;

/** An in-memory RosGraph: records what is advertised and published (keeping the bodies) and the subscriptions. */
final class RecordingGraph implements RosGraph {
    record Advert(String topic, MessageType type, boolean latched) {
    }

    final Map<String, Advert> adverts = new LinkedHashMap<>();
    final Map<String, List<ByteBuf>> published = new LinkedHashMap<>();
    final Map<String, Consumer<ByteBuf>> subscriptions = new LinkedHashMap<>();
    final Map<String, MessageType> subscribedTypes = new LinkedHashMap<>();
    long dropsPerTopic;

    @Override
    public Publisher advertise(String topic, MessageType type, boolean latched) {
        adverts.put(topic, new Advert(topic, type, latched));
        List<ByteBuf> bodies = published.computeIfAbsent(topic, t -> new ArrayList<>());
        return new Publisher() {
            @Override
            public void publish(ByteBuf body) {
                bodies.add(body);
            }

            @Override
            public long droppedTotal() {
                return dropsPerTopic;
            }
        };
    }

    @Override
    public void subscribe(String topic, MessageType type, Consumer<ByteBuf> handler) {
        subscriptions.put(topic, handler);
        subscribedTypes.put(topic, type);
    }

    void releaseAll() {
        published.values().forEach(l -> l.forEach(ByteBuf::release));
    }
}
