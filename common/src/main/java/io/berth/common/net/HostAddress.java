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
 * {@code tcp://host:port} (port 2375 when omitted, 2376 with TLS; host 127.0.0.1 when empty; IPv6 in brackets), or
 * {@code fd://} / {@code fd://N} (sockets handed over by systemd's socket activation).
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
        return parse(spec, false);
    }

    /**
     * @param spec a {@code -H} value
     * @param tls whether the daemon serves TLS: a {@code tcp://host} without a port then means port 2376
     *     (dockerd's {@code DefaultTLSHTTPPort}), else 2375
     * @return the parsed address; {@code fd://} (every socket systemd passed) and {@code fd://N} have scheme
     *     "fd" and the number in {@link #port()} (0 for all)
     * @throws InvalidArgumentException if the scheme is not unix, tcp or fd, or the value is malformed
     */
    public static HostAddress parse(String spec, boolean tls) {
        String s = spec.trim();
        if (s.startsWith("fd://")) {
            String n = s.substring("fd://".length());
            try {
                int fd = n.isEmpty() ? 0 : Integer.parseInt(n);
                if (fd < 0) {
                    throw new NumberFormatException("negative");
                }
                return new HostAddress(spec, "fd", null, null, fd);
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException("invalid host " + spec + ": fd:// takes a file descriptor number", e);
            }
        }
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
            if (hp.contains("/")) {
                throw new InvalidArgumentException("invalid host " + spec + ": a tcp address has no path");
            }
            String host = colon < 0 ? hp : hp.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                int port = colon < 0 || colon == hp.length() - 1 ? (tls ? 2376 : 2375)
                        : Integer.parseInt(hp.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException("out of range");
                }
                return new HostAddress(spec, "tcp", null, host.isEmpty() ? "127.0.0.1" : host, port);
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException("invalid host " + spec + ": bad port", e);
            }
        }
        throw new InvalidArgumentException("invalid host " + spec
                + ": only unix:///path, tcp://host:port and fd:// are supported");
    }

    /** @return true for a TCP address */
    public boolean isTcp() {
        return "tcp".equals(scheme);
    }

    /** @return true for {@code fd://} (sockets passed by systemd) */
    public boolean isFd() {
        return "fd".equals(scheme);
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
        if (isUnix()) {
            return StandardProtocolFamily.UNIX;
        }
        return host.contains(":") ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    @Override
    public String toString() {
        return spec;
    }
}
