package io.berth.storage;

import java.nio.file.Path;

/**
 * storage-service's configuration, from its command line.
 *
 * @param socket the gRPC unix socket to serve on, e.g. {@code <exec-root>/storage.sock}
 * @param dataRoot the daemon's data root, e.g. {@code /var/lib/berth}
 * @param driver Docker's storage driver name: "overlay2" or "vfs"
 * @param eventsSocket the monitor's socket for events, or {@code null} to publish none
 */
public record StorageOptions(Path socket, Path dataRoot, String driver, Path eventsSocket) {
}
