package io.berth.daemon;

import io.berth.common.net.UnixSocketProbe;
import java.nio.file.Path;

/**
 * Readiness of a gRPC service: its unix socket accepts a connection (common's {@link UnixSocketProbe}; the
 * service binds it only once serving, so this is what a gRPC health check would say, without loading a gRPC
 * client into berthd).
 *
 * @param socket the service's socket
 */
public record SocketProbe(Path socket) implements ReadinessProbe {
    @Override
    public boolean isReady() {
        return UnixSocketProbe.answers(socket);
    }
}
