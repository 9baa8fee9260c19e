package io.berth.common.grpc;

import java.nio.file.Path;

/**
 * Where a berth service is reached: a unix socket path ({@code /var/run/berth/storage.sock} or
 * {@code unix:///...}) or a TCP address with mutual TLS ({@code tcp://host:port}). A {@code tcp://} address
 * that went through a {@link Path}-typed flag arrives as {@code tcp:/host:port} (Path folds {@code //}) and is
 * read the same.
 *
 * @param socket the unix socket, or null for TCP
 * @param host the TCP host, or null for a unix socket
 * @param port the TCP port
 */
public record ServiceAddress(Path socket, String host, int port) {
    /**
     * @param spec the address as given
     * @return the address
     * @throws IllegalArgumentException for a malformed {@code tcp://} address (no port, bad port)
     */
    public static ServiceAddress parse(String spec) {
        if (spec.startsWith("tcp:")) {
            String rest = spec.substring(4).replaceFirst("^/+", "");
            int colon = rest.lastIndexOf(':');
            if (colon <= 0 || colon == rest.length() - 1) {
                throw new IllegalArgumentException("invalid service address " + spec + ": want tcp://host:port");
            }
            String host = rest.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(rest.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid service address " + spec + ": bad port", e);
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("invalid service address " + spec + ": bad port");
            }
            return new ServiceAddress(null, host, port);
        }
        return new ServiceAddress(Path.of(spec.startsWith("unix://") ? spec.substring(7) : spec), null, 0);
    }

    /**
     * @param flag a service address given through a Path-typed flag
     * @return a socket path made absolute; a {@code tcp:/host:port} unchanged
     */
    public static Path absolute(Path flag) {
        return flag.toString().startsWith("tcp:") ? flag : flag.toAbsolutePath();
    }

    /** @return true for a TCP address */
    public boolean isTcp() {
        return socket == null;
    }

    @Override
    public String toString() {
        return isTcp() ? "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port : "unix://" + socket;
    }
}
