package io.berth.engine.network;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.time.DockerTime;
import io.berth.engine.container.ContainerFilters;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Docker's network filters (Engine API 1.41, moby daemon/network/filter.go and daemon/prune.go).
 * {@code GET /networks}: {@code driver} and {@code scope} exact, {@code name} and {@code id} as regular
 * expressions found in the value (Go's filters.Match), {@code type} {@code custom} or {@code builtin},
 * {@code label} ("key" or "key=value", ANDed), {@code dangling} (true/1: user networks without active
 * endpoints; false/0: networks with some). {@code POST /networks/prune}: {@code until} (a time or duration),
 * {@code label}, {@code label!}. Values of one key are ORed, keys ANDed.
 *
 * @param filters key → values, checked
 */
public record NetworkFilters(Map<String, List<String>> filters) {
    private static final Set<String> LIST_KEYS = Set.of("driver", "id", "label", "name", "scope", "type", "dangling");
    private static final Set<String> PRUNE_KEYS = Set.of("until", "label", "label!");

    /**
     * @param filters the list filters
     * @return them, checked
     * @throws InvalidArgumentException "invalid filter 'x'", "invalid filter 'type'='x'", a bad dangling value
     */
    public static NetworkFilters forList(Map<String, List<String>> filters) {
        check(filters, LIST_KEYS);
        for (String t : filters.getOrDefault("type", List.of())) {
            if (!t.equals("custom") && !t.equals("builtin")) {
                throw new InvalidArgumentException("invalid filter: 'type'='" + t + "'");
            }
        }
        for (String d : filters.getOrDefault("dangling", List.of())) {
            if (!Set.of("true", "1", "false", "0").contains(d.toLowerCase())) {
                throw new InvalidArgumentException("invalid filter 'dangling=" + d + "'");
            }
        }
        return new NetworkFilters(Map.copyOf(filters));
    }

    /**
     * @param filters the prune filters
     * @return them, checked
     * @throws InvalidArgumentException "invalid filter 'x'" for another key
     */
    public static NetworkFilters forPrune(Map<String, List<String>> filters) {
        check(filters, PRUNE_KEYS);
        return new NetworkFilters(Map.copyOf(filters));
    }

    private static void check(Map<String, List<String>> filters, Set<String> keys) {
        for (String key : filters.keySet()) {
            if (!keys.contains(key)) {
                throw new InvalidArgumentException("invalid filter '" + key + "'");
            }
        }
    }

    /**
     * @param n a network
     * @param builtin true for the predefined bridge, host and none
     * @param inUse true if it has active endpoints
     * @param now the prune's clock (for {@code until})
     * @return true if every key accepts it
     */
    public boolean matches(NetworkRecord n, boolean builtin, boolean inUse, Instant now) {
        for (Map.Entry<String, List<String>> e : filters.entrySet()) {
            List<String> values = e.getValue();
            if (values.isEmpty()) {
                continue;
            }
            boolean ok = switch (e.getKey()) {
                case "driver" -> values.contains(n.driver());
                case "scope" -> values.contains("local");
                case "name" -> values.stream().anyMatch(v -> found(v, n.name()));
                case "id" -> values.stream().anyMatch(v -> found(v, n.id()));
                case "type" -> values.contains(builtin ? "builtin" : "custom");
                case "dangling" -> values.stream().anyMatch(d ->
                        Set.of("true", "1").contains(d.toLowerCase()) ? !builtin && !inUse : inUse);
                case "label" -> values.stream().allMatch(l -> ContainerFilters.matchesLabel(l, n.labels()));
                case "label!" -> values.stream().noneMatch(l -> ContainerFilters.matchesLabel(l, n.labels()));
                case "until" -> values.stream().allMatch(u -> n.created().isBefore(DockerTime.pruneUntil(u, now)));
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Go's filters.Match: the value as a regular expression found in the text (a bad expression: plain text). */
    private static boolean found(String expr, String text) {
        try {
            return Pattern.compile(expr).matcher(text).find();
        } catch (PatternSyntaxException e) {
            return text.contains(expr);
        }
    }
}
