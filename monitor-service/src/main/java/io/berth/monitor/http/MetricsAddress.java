package io.berth.monitor.http;

import java.net.InetSocketAddress;

/**
 * Parses {@code --metrics-addr} as dockerd does (a Go {@code net.Listen("tcp", addr)} address):
 * {@code host:port}, {@code [v6]:port} or {@code :port} (all interfaces); an empty value turns the view off.
 */
public final class MetricsAddress {
    /** dockerd's documented metrics address, berth's default. */
    public static final String DEFAULT = "127.0.0.1:9323";

    private MetricsAddress() {
    }

    /**
     * @param addr the flag's value
     * @return the address to bind, unresolved host names resolved; null for an empty value (off)
     * @throws IllegalArgumentException "invalid metrics address ..." without a port or with a bad one
     */
    public static InetSocketAddress parse(String addr) {
        if (addr == null || addr.isBlank()) {
            return null;
        }
        int colon = addr.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("invalid metrics address " + addr + ": missing port");
        }
        String host = addr.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(addr.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid metrics address " + addr + ": bad port", e);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("invalid metrics address " + addr + ": port out of range");
        }
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }
}
