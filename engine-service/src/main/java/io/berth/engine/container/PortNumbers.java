package io.berth.engine.container;

import io.berth.common.errors.InvalidArgumentException;

/**
 * Port numbers and ranges as go-connections' {@code nat} package reads them (Go's
 * {@code strconv.ParseUint(s, 10, 16)}: decimal digits only, at most 65535).
 */
public final class PortNumbers {
    private PortNumbers() {
    }

    /**
     * @param s a port number, 0..65535
     * @return its value
     * @throws InvalidArgumentException {@code invalid port specification: "s"} for anything else (dockerd's
     *     create text for PortBindings)
     */
    public static int parse(String s) {
        if (s == null || s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(s);
        }
        int v = Integer.parseInt(s);
        if (v > 65535) {
            throw invalid(s);
        }
        return v;
    }

    /**
     * A HostPort as dockerd reads it (go-connections {@code nat.NewPort(nat.SplitProtoPort(hostPort))} then
     * {@code Range()}): "" is 0-0 (an ephemeral port), "8080" is 8080-8080, "8000-8010" a range to choose from; a
     * "/proto" suffix is ignored.
     *
     * @param hostPort the HostPort of a PortBinding
     * @return {start, end}; {0, 0} for an ephemeral port
     * @throws InvalidArgumentException {@code invalid port specification: "hostPort"} (moby daemon/container.go
     *     {@code validatePortBindings}) for a bad number or a range whose end is below its start
     */
    public static int[] range(String hostPort) {
        String h = hostPort == null ? "" : hostPort;
        int slash = h.indexOf('/');
        String p = (slash < 0 ? h : h.substring(0, slash)).strip();
        if (p.isEmpty()) {
            return new int[] {0, 0};
        }
        try {
            int dash = p.indexOf('-');
            if (dash < 0) {
                int v = parse(p);
                return new int[] {v, v};
            }
            int start = parse(p.substring(0, dash));
            int end = parse(p.substring(dash + 1));
            if (end < start) {
                throw invalid(hostPort);
            }
            return new int[] {start, end};
        } catch (InvalidArgumentException e) {
            throw invalid(hostPort);
        }
    }

    private static InvalidArgumentException invalid(String s) {
        return new InvalidArgumentException("invalid port specification: \"" + s + "\"");
    }
}
