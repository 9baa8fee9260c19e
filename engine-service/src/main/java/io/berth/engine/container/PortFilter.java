package io.berth.engine.container;

import io.berth.common.errors.InvalidArgumentException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@code publish} and {@code expose} filters of {@code GET /containers/json} (Engine API 1.41, moby
 * daemon/list.go {@code portOp}): a value is {@code <port>[/<proto>]} or {@code <start>-<end>[/<proto>]}
 * (tcp when no protocol is given) and names every port of the range. {@code publish} matches a container with a
 * PortBindings key among them, {@code expose} one with such an ExposedPorts key.
 */
public final class PortFilter {
    private PortFilter() {
    }

    /**
     * @param key "publish" or "expose"
     * @param value the filter value
     * @return the ports it names
     * @throws InvalidArgumentException (400; dockerd answers these with a 500) with dockerd's texts:
     *     {@code filter for 'publish' should not contain ':': 80:80}, {@code error while looking up for publish
     *     x: strconv.ParseUint: parsing "x": invalid syntax}, {@code ...: Invalid range specified for the Port: 9-1}
     */
    public static Set<ContainerPort> parse(String key, String value) {
        if (value.contains(":")) {
            throw new InvalidArgumentException("filter for '" + key + "' should not contain ':': " + value);
        }
        int slash = value.indexOf('/');
        String ports = slash < 0 ? value : value.substring(0, slash);
        String proto = slash < 0 || slash == value.length() - 1 ? "tcp" : value.substring(slash + 1);
        String prefix = "error while looking up for " + key + " " + value + ": ";
        if (ports.isEmpty()) {
            throw new InvalidArgumentException(prefix + "Empty string specified for ports.");
        }
        int dash = ports.indexOf('-');
        int start = number(prefix, dash < 0 ? ports : ports.substring(0, dash));
        int end = dash < 0 ? start : number(prefix, ports.substring(dash + 1));
        if (end < start) {
            throw new InvalidArgumentException(prefix + "Invalid range specified for the Port: " + ports);
        }
        Set<ContainerPort> out = new LinkedHashSet<>();
        for (int p = start; p <= end; p++) {
            out.add(new ContainerPort(p, proto.toLowerCase(java.util.Locale.ROOT)));
        }
        return out;
    }

    /** @return Go's {@code strconv.ParseUint(s, 10, 16)} */
    private static int number(String prefix, String s) {
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidArgumentException(prefix + "strconv.ParseUint: parsing \"" + s + "\": invalid syntax");
        }
        if (s.length() > 5 || Integer.parseInt(s) > 65535) {
            throw new InvalidArgumentException(prefix + "strconv.ParseUint: parsing \"" + s + "\": value out of range");
        }
        return Integer.parseInt(s);
    }

    /**
     * @param wanted the ports of the filter's values
     * @param keys a container's PortBindings or ExposedPorts keys
     * @return true if one of the keys is one of the ports (keys that do not parse never match)
     */
    public static boolean matchesAny(Set<ContainerPort> wanted, Iterable<String> keys) {
        for (String k : keys) {
            if (ContainerPort.tryParse(k).filter(wanted::contains).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
