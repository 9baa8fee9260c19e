package io.berth.engine.container;

import io.berth.common.errors.InvalidArgumentException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Docker's {@code GET /containers/json} filters (Engine API 1.41): values of one key are ORed, keys are
 * ANDed. Supported keys: {@code status}, {@code label} ("key" or "key=value"), {@code name} (regular
 * expression searched in the name), {@code id} (prefix), {@code ancestor} (image reference or ID),
 * {@code exited} (exit code of exited containers), {@code health} (starting, healthy, unhealthy, or none
 * for a container without a healthcheck).
 */
public final class ContainerFilters {
    private static final Set<String> KEYS = Set.of("status", "label", "name", "id", "ancestor", "exited",
            "health");
    /** dockerd's health filter values (container.IsValidHealthString); "none" = no healthcheck. */
    private static final Set<String> HEALTH = Set.of("starting", "healthy", "unhealthy", "none");
    private static final Set<String> STATUSES = Set.of("created", "restarting", "running", "removing", "paused",
            "exited", "dead");

    private final Map<String, List<String>> filters;

    /**
     * @param filters key → accepted values
     * @throws InvalidArgumentException for an unknown key or status, as dockerd ("invalid filter ...")
     */
    public ContainerFilters(Map<String, List<String>> filters) {
        for (Map.Entry<String, List<String>> e : filters.entrySet()) {
            if (!KEYS.contains(e.getKey())) {
                throw new InvalidArgumentException("invalid filter '" + e.getKey() + "'");
            }
            if (e.getKey().equals("status")) {
                for (String s : e.getValue()) {
                    if (!STATUSES.contains(s)) {
                        throw new InvalidArgumentException("invalid filter 'status=" + s + "'");
                    }
                }
            }
            if (e.getKey().equals("health")) {
                for (String s : e.getValue()) {
                    if (!HEALTH.contains(s)) {
                        throw new InvalidArgumentException("Unrecognised filter value for health: " + s);
                    }
                }
            }
        }
        this.filters = Map.copyOf(filters);
    }

    /** @return true if a status filter is present (it implies listing stopped containers too) */
    public boolean hasStatus() {
        return filters.containsKey("status") || filters.containsKey("exited");
    }

    /**
     * @param r a container record
     * @return true if every filter key accepts it
     */
    public boolean matches(ContainerRecord r) {
        for (Map.Entry<String, List<String>> e : filters.entrySet()) {
            if (!e.getValue().isEmpty() && e.getValue().stream().noneMatch(v -> matches(e.getKey(), v, r))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(String key, String value, ContainerRecord r) {
        return switch (key) {
            case "status" -> r.state().status().equals(value);
            case "label" -> matchesLabel(value, r.config().getLabelsMap());
            case "name" -> matchesName(value, r.name());
            case "id" -> r.id().startsWith(value);
            case "ancestor" -> value.equals(r.config().getImage()) || r.image().equals(value)
                    || r.image().equals("sha256:" + value)
                    || (value.length() >= 4 && r.image().startsWith("sha256:" + value));
            case "exited" -> r.state().status().equals(ContainerState.EXITED)
                    && Integer.toString(r.state().exitCode()).equals(value);
            case "health" -> value.equals(r.state().health() == null ? "none" : r.state().health().status());
            default -> false;
        };
    }

    private static boolean matchesLabel(String value, Map<String, String> labels) {
        int eq = value.indexOf('=');
        if (eq < 0) {
            return labels.containsKey(value);
        }
        return value.substring(eq + 1).equals(labels.get(value.substring(0, eq)));
    }

    private static boolean matchesName(String value, String name) {
        try {
            return Pattern.compile(value).matcher(name).find();
        } catch (PatternSyntaxException e) {
            return name.contains(value);
        }
    }
}
