package io.berth.gateway;

import java.nio.file.Path;
import java.util.List;

/**
 * The gateway's configuration, from {@link GatewayMain}'s flags.
 *
 * @param sockets the Docker Engine API unix sockets to serve ({@code -H unix://...})
 * @param engineSocket engine-service gRPC socket ({@code <exec-root>/engine.sock})
 * @param storageSocket storage-service gRPC socket ({@code <exec-root>/storage.sock})
 * @param monitorSocket monitor-service gRPC socket ({@code <exec-root>/monitor.sock})
 * @param dataRoot the daemon's data root (default /var/lib/berth)
 * @param execRoot the daemon's exec root (default /var/run/berth)
 * @param debug debug logging
 */
public record GatewayOptions(List<Path> sockets, Path engineSocket, Path storageSocket, Path monitorSocket,
                             Path dataRoot, Path execRoot, boolean debug) {
    /** Copies the socket list. */
    public GatewayOptions {
        sockets = List.copyOf(sockets);
    }
}
