package io.berth.monitor.events;

import io.berth.proto.monitor.v1.Event;
import io.berth.proto.types.v1.Filters;
import io.berth.proto.types.v1.StringList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The filters of Docker's {@code GET /events} (Docker Engine API 1.41, query parameter {@code filters}),
 * matched as dockerd 20.10's events filter does (moby {@code daemon/events/filter.go}):
 * <ul>
 *   <li>{@code type}, {@code scope}: exact match of the event's Type / scope;</li>
 *   <li>{@code event}: exact match of the Action (a prefix match when one of the values is
 *       {@code health_status}, {@code exec_create} or {@code exec_start}, as dockerd does);</li>
 *   <li>{@code container}, {@code volume}, {@code network}, {@code plugin}, {@code daemon}, {@code node},
 *       {@code service}, {@code secret}, {@code config}: the value equals or is a prefix of Actor.ID or of the
 *       {@code name} attribute;</li>
 *   <li>{@code image}: exact match of Actor.ID or of the image name (attribute {@code image} of container
 *       events, {@code name} of image events), each also with its tag or digest stripped;</li>
 *   <li>{@code label}: {@code key} or {@code key=value} over Actor.Attributes; as in dockerd, every label
 *       value given must match (labels are ANDed).</li>
 * </ul>
 * Values of one key are ORed (except label), different keys are ANDed, an absent key matches everything.
 * Keys dockerd does not know are ignored, as dockerd ignores them.
 */
public final class EventFilter implements Predicate<Event> {
    private static final List<String> NAME_KEYS = List.of(
            "container", "volume", "network", "plugin", "daemon", "node", "service", "secret", "config");
    private static final Set<String> FUZZY_EVENTS = Set.of("health_status", "exec_create", "exec_start");
    private static final EventFilter ALL = new EventFilter(Map.of());

    private final Map<String, Set<String>> values;

    private EventFilter(Map<String, Set<String>> values) {
        this.values = values;
    }

    /** @return a filter that accepts every event */
    public static EventFilter all() {
        return ALL;
    }

    /**
     * @param filters key to accepted values, e.g. {@code {"type": ["container"], "label": ["a=b"]}}
     * @return the filter (keys with no values are dropped)
     */
    public static EventFilter of(Map<String, ? extends Collection<String>> filters) {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        filters.forEach((k, v) -> {
            if (!v.isEmpty()) {
                copy.put(k, Set.copyOf(new LinkedHashSet<>(v)));
            }
        });
        return copy.isEmpty() ? ALL : new EventFilter(Map.copyOf(copy));
    }

    /**
     * @param filters the wire form (berth.types.v1.Filters)
     * @return the filter
     */
    public static EventFilter fromProto(Filters filters) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Map.Entry<String, StringList> e : filters.getFiltersMap().entrySet()) {
            map.put(e.getKey(), e.getValue().getValuesList());
        }
        return of(map);
    }

    @Override
    public boolean test(Event e) {
        return matchesAction(e.getAction())
                && exact("type", e.getType())
                && exact("scope", e.getScope())
                && NAME_KEYS.stream().allMatch(k -> fuzzyName(k, e))
                && matchesImage(e)
                && matchesLabels(e.getAttributesMap());
    }

    private boolean matchesAction(String action) {
        Set<String> v = values.get("event");
        if (v == null) {
            return true;
        }
        if (v.stream().anyMatch(FUZZY_EVENTS::contains)) {
            return fuzzy("event", action);
        }
        return v.contains(action);
    }

    private boolean exact(String key, String source) {
        Set<String> v = values.get(key);
        return v == null || v.contains(source);
    }

    private boolean fuzzy(String key, String source) {
        Set<String> v = values.get(key);
        if (v == null || v.contains(source)) {
            return true;
        }
        return v.stream().anyMatch(source::startsWith);
    }

    private boolean fuzzyName(String key, Event e) {
        if (!values.containsKey(key)) {
            return true;
        }
        return fuzzy(key, e.getActorId()) || fuzzy(key, e.getAttributesOrDefault("name", ""));
    }

    private boolean matchesImage(Event e) {
        Set<String> v = values.get("image");
        if (v == null) {
            return true;
        }
        String nameAttr = "image".equals(e.getType()) ? "name" : "image";
        String name = e.getAttributesOrDefault(nameAttr, "");
        String id = e.getActorId();
        return v.contains(id) || v.contains(name) || v.contains(stripTag(id)) || v.contains(stripTag(name));
    }

    private boolean matchesLabels(Map<String, String> attributes) {
        Set<String> v = values.get("label");
        if (v == null) {
            return true;
        }
        for (String wanted : v) {
            int eq = wanted.indexOf('=');
            String key = eq < 0 ? wanted : wanted.substring(0, eq);
            String actual = attributes.get(key);
            if (actual == null || (eq >= 0 && !actual.equals(wanted.substring(eq + 1)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Strips the tag or digest from an image reference ({@code fixture/busybox:1} → {@code fixture/busybox},
     * {@code busybox@sha256:…} → {@code busybox}); a registry port ({@code host:5000/x}) is kept.
     *
     * @param ref an image reference or ID
     * @return the reference without tag or digest
     */
    static String stripTag(String ref) {
        int at = ref.indexOf('@');
        String s = at >= 0 ? ref.substring(0, at) : ref;
        int colon = s.lastIndexOf(':');
        return colon > s.lastIndexOf('/') ? s.substring(0, colon) : s;
    }

    @Override
    public String toString() {
        return "EventFilter" + values;
    }
}
