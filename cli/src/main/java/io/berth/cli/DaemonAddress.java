package io.berth.cli;

import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * Where the daemon listens, in DOCKER_HOST syntax: {@code unix:///path} or {@code tcp://host:port}.
 *
 * @param spec the value as given
 * @param family UNIX or INET
 * @param address the socket address to connect to
 */
public record DaemonAddress(String spec, ProtocolFamily family, SocketAddress address) {
    /** The default daemon socket, as the docker CLI's. */
    public static final String DEFAULT = "unix:///var/run/docker.sock";

    /**
     * @param spec a DOCKER_HOST value; null or empty means {@link #DEFAULT}
     * @return the address
     * @throws IllegalArgumentException with a user-facing message if the value is not unix:// or tcp://
     */
    public static DaemonAddress parse(String spec) {
        String s = spec == null || spec.isBlank() ? DEFAULT : spec.trim();
        if (s.startsWith("unix://")) {
            String path = s.substring("unix://".length());
            return new DaemonAddress(s, StandardProtocolFamily.UNIX,
                    UnixDomainSocketAddress.of(Path.of(path.isEmpty() ? "/var/run/docker.sock" : path)));
        }
        if (s.startsWith("tcp://")) {
            String hp = s.substring("tcp://".length());
            int colon = hp.lastIndexOf(':');
            try {
                int port = colon < 0 ? 2375 : Integer.parseInt(hp.substring(colon + 1).replaceAll("/.*", ""));
                String host = colon < 0 ? hp : hp.substring(0, colon);
                return new DaemonAddress(s, StandardProtocolFamily.INET, new InetSocketAddress(host, port));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid DOCKER_HOST " + s + ": bad port");
            }
        }
        throw new IllegalArgumentException("invalid DOCKER_HOST " + s + ": use unix:///path or tcp://host:port");
    }
}
