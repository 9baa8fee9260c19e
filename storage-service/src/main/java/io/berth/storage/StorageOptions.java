package io.berth.storage;

import java.nio.file.Path;
import java.util.List;

/**
 * storage-service's configuration, from its command line.
 *
 * @param socket the gRPC unix socket to serve on, e.g. {@code <exec-root>/storage.sock}
 * @param dataRoot the daemon's data root, e.g. {@code /var/lib/berth}
 * @param driver Docker's storage driver name: "overlay2" or "vfs"
 * @param eventsSocket the monitor's socket for events, or {@code null} to publish none
 * @param insecureRegistries {@code --insecure-registry} values: registries reached with plain HTTP besides
 *     127.0.0.0/8 and localhost ({@code host[:port]} or an IPv4 CIDR)
 * @param maxLayerSize {@code --max-layer-size}: the most uncompressed bytes one stored layer may have, 0 for no
 *     maximum (then half the data root's free space bounds each layer)
 */
public record StorageOptions(Path socket, Path dataRoot, String driver, Path eventsSocket,
                             List<String> insecureRegistries, long maxLayerSize) {
    /** Copies the list. */
    public StorageOptions {
        insecureRegistries = insecureRegistries == null ? List.of() : List.copyOf(insecureRegistries);
        if (maxLayerSize < 0) {
            throw new IllegalArgumentException("--max-layer-size must not be negative");
        }
    }

    /**
     * Options without a maximum layer size.
     *
     * @param socket the gRPC socket
     * @param dataRoot the data root
     * @param driver the storage driver
     * @param eventsSocket the monitor's socket, or null
     * @param insecureRegistries {@code --insecure-registry} values
     */
    public StorageOptions(Path socket, Path dataRoot, String driver, Path eventsSocket,
                          List<String> insecureRegistries) {
        this(socket, dataRoot, driver, eventsSocket, insecureRegistries, 0);
    }

    /**
     * Options without insecure registries.
     *
     * @param socket the gRPC socket
     * @param dataRoot the data root
     * @param driver the storage driver
     * @param eventsSocket the monitor's socket, or null
     */
    public StorageOptions(Path socket, Path dataRoot, String driver, Path eventsSocket) {
        this(socket, dataRoot, driver, eventsSocket, List.of());
    }
}
