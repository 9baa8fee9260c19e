package io.berth.engine.container;

import io.berth.common.errors.InvalidArgumentException;

/**
 * A container port as Docker names it: the key of ExposedPorts, PortBindings and NetworkSettings.Ports
 * ({@code "80/tcp"}, {@code "53/udp"}; a key without a protocol is tcp), go-connections' {@code nat.Port}.
 *
 * @param port 1..65535
 * @param protocol "tcp", "udp" or "sctp", lower case
 */
public record ContainerPort(int port, String protocol) implements Comparable<ContainerPort> {

    /**
     * Parses a key as dockerd 20.10 checks PortBindings keys at create (moby daemon/container.go
     * {@code validatePortBindings}: {@code nat.SplitProtoPort}, then {@code nat.ParsePort}), stricter in two
     * ways: port 0 and protocols other than tcp, udp and sctp are refused too (dockerd keeps them and fails or
     * ignores them at start).
     *
     * @param key "80/tcp", "80" (tcp), "53/udp"
     * @return the port
     * @throws InvalidArgumentException {@code invalid port specification: "x"} for a port that is not 1..65535,
     *     {@code invalid proto: x} for another protocol (go-connections' text)
     */
    public static ContainerPort parse(String key) {
        String k = key == null ? "" : key;
        int slash = k.indexOf('/');
        String port = slash < 0 ? k : k.substring(0, slash);
        String proto = slash < 0 || slash == k.length() - 1 ? "tcp" : k.substring(slash + 1);
        int p = PortNumbers.parse(port);
        if (p == 0) {
            throw new InvalidArgumentException("invalid port specification: \"" + port + "\"");
        }
        String lower = proto.toLowerCase(java.util.Locale.ROOT);
        if (!lower.equals("tcp") && !lower.equals("udp") && !lower.equals("sctp")) {
            throw new InvalidArgumentException("invalid proto: " + proto);
        }
        return new ContainerPort(p, lower);
    }

    /**
     * For keys that were not checked at create (an image's EXPOSE): moby's container view skips a key it cannot
     * parse ("invalid port map"), so does berth.
     *
     * @param key a key of ExposedPorts
     * @return the port, or empty for a malformed key
     */
    public static java.util.Optional<ContainerPort> tryParse(String key) {
        try {
            return java.util.Optional.of(parse(key));
        } catch (InvalidArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** @return Docker's key, {@code "80/tcp"} */
    public String key() {
        return port + "/" + protocol;
    }

    /** Orders by port, then protocol (tcp before udp), as the docker CLI lists them. */
    @Override
    public int compareTo(ContainerPort o) {
        return port != o.port ? Integer.compare(port, o.port) : protocol.compareTo(o.protocol);
    }
}
