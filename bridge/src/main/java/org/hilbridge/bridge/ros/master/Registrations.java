package org.hilbridge.bridge.ros.master;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who publishes, subscribes and serves what, and at which slave API each node answers (ros_comm
 * rosmaster/registrations.py). Not thread-safe: {@link RosMaster} serialises access.
 */
final class Registrations {
    /** One registration of a topic or service: the node and its slave API (services: plus the rosrpc URI). */
    record Entry(String callerId, String callerApi, String serviceApi) {
    }

    final Map<String, List<Entry>> publishers = new TreeMap<>();
    final Map<String, List<Entry>> subscribers = new TreeMap<>();
    final Map<String, Entry> services = new TreeMap<>();
    final Map<String, String> topicTypes = new TreeMap<>();
    final Map<String, String> nodeApis = new LinkedHashMap<>();

    /** Adds (or refreshes) the registration of {@code callerId} under {@code name}. */
    static void add(Map<String, List<Entry>> map, String name, String callerId, String callerApi) {
        List<Entry> list = map.computeIfAbsent(name, k -> new ArrayList<>());
        Entry e = new Entry(callerId, callerApi, null);
        list.removeIf(x -> x.callerId().equals(callerId));
        list.add(e);
    }

    /** Removes the registration of {@code callerId} at {@code callerApi}; false when there was none. */
    static boolean remove(Map<String, List<Entry>> map, String name, String callerId, String callerApi) {
        List<Entry> list = map.get(name);
        if (list == null) {
            return false;
        }
        boolean removed = list.removeIf(x -> x.callerId().equals(callerId) && x.callerApi().equals(callerApi));
        if (list.isEmpty()) {
            map.remove(name);
        }
        return removed;
    }

    static List<String> apis(Map<String, List<Entry>> map, String name) {
        List<String> out = new ArrayList<>();
        for (Entry e : map.getOrDefault(name, List.of())) {
            out.add(e.callerApi());
        }
        return out;
    }

    boolean hasAny(String callerId) {
        for (List<Entry> l : publishers.values()) {
            if (l.stream().anyMatch(e -> e.callerId().equals(callerId))) {
                return true;
            }
        }
        for (List<Entry> l : subscribers.values()) {
            if (l.stream().anyMatch(e -> e.callerId().equals(callerId))) {
                return true;
            }
        }
        return services.values().stream().anyMatch(e -> e.callerId().equals(callerId));
    }

    /** Topics {@code callerId} publishes (to notify their subscribers after it is dropped). */
    List<String> dropNode(String callerId) {
        List<String> published = new ArrayList<>();
        publishers.forEach((t, l) -> {
            if (l.removeIf(e -> e.callerId().equals(callerId))) {
                published.add(t);
            }
        });
        publishers.values().removeIf(List::isEmpty);
        subscribers.values().forEach(l -> l.removeIf(e -> e.callerId().equals(callerId)));
        subscribers.values().removeIf(List::isEmpty);
        services.values().removeIf(e -> e.callerId().equals(callerId));
        nodeApis.remove(callerId);
        return published;
    }

    /** getSystemState's lists: [[name, [callerIds...]], ...]. */
    static List<Object> state(Map<String, List<Entry>> map) {
        List<Object> out = new ArrayList<>();
        map.forEach((name, list) -> out.add(List.of(name, list.stream().map(Entry::callerId).toList())));
        return out;
    }
}
