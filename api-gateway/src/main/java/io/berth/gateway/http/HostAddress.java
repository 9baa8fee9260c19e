package io.berth.gateway.http;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotImplementedException;
import java.nio.file.Path;

/**
 * A {@code -H/--host} listen address as dockerd takes it. Only {@code unix://} is served for now;
 * {@code tcp://} and {@code fd://} are refused with a clear message.
 */
public final class HostAddress {
    /** dockerd's default listen address. */
    public static final String DEFAULT = "unix:///var/run/docker.sock";

    private HostAddress() {
    }

    /**
     * @param host e.g. "unix:///var/run/docker.sock", "unix://" (the default socket) or an absolute path
     * @return the socket path
     * @throws NotImplementedException for tcp:// and fd:// addresses
     * @throws InvalidArgumentException for anything else that is not a unix socket path
     */
    public static Path unixSocket(String host) {
        String h = host.trim();
        if (h.startsWith("unix://")) {
            String path = h.substring("unix://".length());
            return Path.of(path.isEmpty() ? DEFAULT.substring("unix://".length()) : path);
        }
        if (h.startsWith("tcp://") || h.startsWith("fd://") || h.startsWith("npipe://") || h.startsWith("ssh://")) {
            throw new NotImplementedException("listening on " + h + " is not supported yet: berth only serves "
                    + "unix sockets (-H unix:///path/to.sock)");
        }
        if (h.startsWith("/")) {
            return Path.of(h);
        }
        throw new InvalidArgumentException("invalid -H address " + h + ": expected unix:///path/to.sock");
    }
}
