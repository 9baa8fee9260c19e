package io.berth.common.net;

import io.berth.common.errors.InvalidArgumentException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * One {@code -H/--host} value, in dockerd's syntax: {@code unix:///path/to.sock} (a bare {@code unix://}
 * means {@code /var/run/docker.sock}; a bare absolute path is taken as a unix socket too) or
 * {@code tcp://host:port} (port 2375 when omitted, host 127.0.0.1 when empty). Which schemes a process
 * actually serves is its own decision (the gateway serves unix sockets only for now).
 *
 * @param spec the value as given
 * @param scheme "unix" or "tcp"
 * @param path the socket path (unix only, else null)
 * @param host the host name or address (tcp only, else null)
 * @param port the port (tcp only, else 0)
 */
public record HostAddress(String spec, String scheme, Path path, String host, int port) {
    /** dockerd's default socket. */
    public static final String DEFAULT = "unix:///var/run/docker.sock";

    /**
     * @param spec a {@code -H} value
     * @return the parsed address
     * @throws InvalidArgumentException if the scheme is not unix or tcp, or the value is malformed
     */
    public static HostAddress parse(String spec) {
        String s = spec.trim();
        if (s.startsWith("/")) {
            return new HostAddress(spec, "unix", Path.of(s), null, 0);
        }
        if (s.startsWith("unix://")) {
            String p = s.substring("unix://".length());
            Path path = Path.of(p.isEmpty() ? DEFAULT.substring("unix://".length()) : p);
            if (!path.isAbsolute()) {
                throw new InvalidArgumentException("invalid host " + spec + ": the socket path must be absolute");
            }
            return new HostAddress(spec, "unix", path, null, 0);
        }
        if (s.startsWith("tcp://")) {
            String hp = s.substring("tcp://".length());
            int colon = hp.lastIndexOf(':');
            String host = colon < 0 ? hp : hp.substring(0, colon);
            try {
                int port = colon < 0 ? 2375 : Integer.parseInt(hp.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException("out of range");
                }
                return new HostAddress(spec, "tcp", null, host.isEmpty() ? "127.0.0.1" : host, port);
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException("invalid host " + spec + ": bad port", e);
            }
        }
        throw new InvalidArgumentException("invalid host " + spec
                + ": only unix:///path and tcp://host:port are supported");
    }

    /** @return true for a unix socket */
    public boolean isUnix() {
        return "unix".equals(scheme);
    }

    /**
     * @return the socket path of a unix address
     * @throws io.berth.common.errors.NotImplementedException (501) for a tcp address, which a caller that
     *     serves unix sockets only cannot serve yet
     */
    public Path requireUnix() {
        if (!isUnix()) {
            throw new io.berth.common.errors.NotImplementedException("listening on " + spec
                    + " is not supported yet: berth only serves unix sockets (-H unix:///path/to.sock)");
        }
        return path;
    }

    /** @return the JDK socket address to connect to */
    public SocketAddress socketAddress() {
        return isUnix() ? UnixDomainSocketAddress.of(path) : new InetSocketAddress(host, port);
    }

    /** @return the protocol family for {@link java.nio.channels.SocketChannel#open(java.net.ProtocolFamily)} */
    public StandardProtocolFamily family() {
        return isUnix() ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET;
    }

    @Override
    public String toString() {
        return spec;
    }
}
