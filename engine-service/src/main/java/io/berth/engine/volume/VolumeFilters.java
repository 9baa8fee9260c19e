package io.berth.engine.volume;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.engine.container.ContainerFilters;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Docker's volume filters (Engine API 1.41): {@code GET /volumes} takes {@code dangling} (true/1: no
 * container uses it, false/0: some container does), {@code name} (a part of the name), {@code driver}
 * (the driver's name) and {@code label} ("key" or "key=value"); {@code POST /volumes/prune} takes
 * {@code label} and {@code label!} (volumes without that label). Values of one key are ORed (those of {@code label}: ANDed, as {@code MatchKVList}), keys ANDed, as
 * in moby daemon/volumes.go.
 *
 * @param filters key → values
 */
public record VolumeFilters(Map<String, List<String>> filters) {
    private static final Set<String> LIST_KEYS = Set.of("dangling", "name", "driver", "label");
    private static final Set<String> PRUNE_KEYS = Set.of("label", "label!");

    /**
     * @param filters the list filters
     * @return them, checked
     * @throws InvalidArgumentException "invalid filter 'x'" or "invalid filter 'dangling=x'"
     */
    public static VolumeFilters forList(Map<String, List<String>> filters) {
        check(filters, LIST_KEYS);
        for (String d : filters.getOrDefault("dangling", List.of())) {
            if (!Set.of("true", "1", "false", "0").contains(d.toLowerCase())) {
                throw new InvalidArgumentException("invalid filter 'dangling=" + d + "'");
            }
        }
        return new VolumeFilters(Map.copyOf(filters));
    }

    /**
     * @param filters the prune filters
     * @return them, checked
     * @throws InvalidArgumentException "invalid filter 'x'" for a key other than label and label!
     */
    public static VolumeFilters forPrune(Map<String, List<String>> filters) {
        check(filters, PRUNE_KEYS);
        return new VolumeFilters(Map.copyOf(filters));
    }

    private static void check(Map<String, List<String>> filters, Set<String> keys) {
        for (String key : filters.keySet()) {
            if (!keys.contains(key)) {
                throw new InvalidArgumentException("invalid filter '" + key + "'");
            }
        }
    }

    /**
     * @param v a volume
     * @param inUse whether a container uses it
     * @return true if every key accepts it
     */
    public boolean matches(VolumeRecord v, boolean inUse) {
        for (Map.Entry<String, List<String>> e : filters.entrySet()) {
            List<String> values = e.getValue();
            if (values.isEmpty()) {
                continue;
            }
            boolean ok = switch (e.getKey()) {
                case "dangling" -> values.stream().anyMatch(d -> Set.of("true", "1").contains(d.toLowerCase()) != inUse);
                case "name" -> values.stream().anyMatch(n -> v.name().contains(n));
                case "driver" -> values.contains(v.driver());
                case "label" -> values.stream().allMatch(l -> ContainerFilters.matchesLabel(l, v.labels()));
                case "label!" -> values.stream().noneMatch(l -> ContainerFilters.matchesLabel(l, v.labels()));
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
