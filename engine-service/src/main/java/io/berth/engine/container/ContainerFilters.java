package io.berth.engine.container;

import io.berth.common.errors.InvalidArgumentException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Docker's {@code GET /containers/json} filters (Engine API 1.41, moby daemon/list.go): values of one key are
 * ORed, keys are ANDed, except {@code label}, whose values must all match (moby's MatchKVList). Keys:
 * {@code status}, {@code label} ("key" or "key=value"), {@code name} (regular expression searched in the name
 * with and without its slash), {@code id} (prefix), {@code ancestor} (image reference or ID), {@code exited}
 * (exit code of exited containers), {@code before}/{@code since} (created before/after the named container),
 * {@code volume} (a mount's destination or volume name), {@code health} (starting, healthy, unhealthy, or none
 * for a container without a healthcheck), {@code is-task} (berth runs no swarm tasks: "false" matches all),
 * {@code publish}/{@code expose} (a port or range with an optional protocol among the container's PortBindings /
 * ExposedPorts keys, {@link PortFilter}).
 */
public final class ContainerFilters {
    private static final Set<String> KEYS = Set.of("status", "label", "name", "id", "ancestor", "exited",
            "before", "since", "volume", "health", "is-task", "publish", "expose");
    /** dockerd's health filter values (container.IsValidHealthString); "none" = no healthcheck. */
    private static final Set<String> HEALTH = Set.of("starting", "healthy", "unhealthy", "none");
    private static final Set<String> STATUSES = Set.of("created", "restarting", "running", "removing", "paused",
            "exited", "dead");

    private final Map<String, List<String>> filters;
    private final Function<String, ContainerRecord> resolve;

    /**
     * @param filters key → accepted values (no before/since)
     * @throws InvalidArgumentException for an unknown key or status, as dockerd ("invalid filter ...")
     */
    public ContainerFilters(Map<String, List<String>> filters) {
        this(filters, ref -> {
            throw new InvalidArgumentException("invalid filter 'before/since' without containers");
        });
    }

    /**
     * @param filters key → accepted values
     * @param resolve finds the container a before/since value names (throws NotFound "No such container: x")
     * @throws InvalidArgumentException for an unknown key or status, as dockerd ("invalid filter ...")
     */
    public ContainerFilters(Map<String, List<String>> filters, Function<String, ContainerRecord> resolve) {
        this.resolve = resolve;
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
            if (e.getKey().equals("publish") || e.getKey().equals("expose")) {
                e.getValue().forEach(v -> PortFilter.parse(e.getKey(), v));
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
            if (e.getValue().isEmpty()) {
                continue;
            }
            boolean ok = switch (e.getKey()) {
                case "label" -> e.getValue().stream().allMatch(v -> matchesLabel(v, r.config().getLabelsMap()));
                case "before" -> e.getValue().stream().allMatch(v -> r.created().isBefore(resolve.apply(v).created()));
                case "since" -> e.getValue().stream().allMatch(v -> r.created().isAfter(resolve.apply(v).created()));
                case "publish" -> PortFilter.matchesAny(ports(e), r.hostConfig().getPortBindingsMap().keySet());
                case "expose" -> PortFilter.matchesAny(ports(e), r.config().getExposedPortsList());
                default -> e.getValue().stream().anyMatch(v -> matches(e.getKey(), v, r));
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** @return every port the values of a publish or expose filter name */
    private static Set<ContainerPort> ports(Map.Entry<String, List<String>> e) {
        Set<ContainerPort> out = new java.util.HashSet<>();
        e.getValue().forEach(v -> out.addAll(PortFilter.parse(e.getKey(), v)));
        return out;
    }

    private static boolean matches(String key, String value, ContainerRecord r) {
        return switch (key) {
            case "status" -> r.state().status().equals(value);
            case "label" -> matchesLabel(value, r.config().getLabelsMap());
            case "name" -> matchesName(value, r.name()) || matchesName(value, r.shortName());
            case "volume" -> matchesVolume(value, r);
            case "is-task" -> value.equals("false");
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

    /**
     * Docker's label filter (also of volumes): "key" matches a label's presence, "key=value" its value.
     *
     * @param value the filter value
     * @param labels the labels (null: none)
     * @return true if it matches
     */
    public static boolean matchesLabel(String value, Map<String, String> labels) {
        if (labels == null) {
            return false;
        }
        int eq = value.indexOf('=');
        if (eq < 0) {
            return labels.containsKey(value);
        }
        return value.substring(eq + 1).equals(labels.get(value.substring(0, eq)));
    }

    /**
     * moby's {@code volume} filter (daemon/list.go): a mount point whose volume name or destination is the value;
     * the mount points are the record's (named, anonymous and image VOLUME ones included), then the binds,
     * mounts and tmpfs of the HostConfig.
     */
    private static boolean matchesVolume(String value, ContainerRecord r) {
        for (VolumeMountPoint m : r.mountPoints()) {
            if ((!m.name().isEmpty() && m.name().equals(value)) || m.destination().equals(value)) {
                return true;
            }
        }
        for (String b : r.hostConfig().getBindsList()) {
            String[] parts = b.split(":");
            if (parts.length >= 2 && (parts[1].equals(value) || (!parts[0].startsWith("/") && parts[0].equals(value)))) {
                return true;
            }
        }
        return r.hostConfig().getMountsList().stream().anyMatch(m -> m.getTarget().equals(value)
                || (m.getType().equals("volume") && m.getSource().equals(value)))
                || r.hostConfig().getTmpfsMap().containsKey(value);
    }

    private static boolean matchesName(String value, String name) {
        try {
            return Pattern.compile(value).matcher(name).find();
        } catch (PatternSyntaxException e) {
            return name.contains(value);
        }
    }
}
