package io.berth.monitor;

import java.nio.file.Path;

/**
 * The monitor's settings, from its command line.
 *
 * @param socket the unix socket to serve gRPC on ({@code <exec-root>/monitor.sock})
 * @param dataRoot berth's data root (the monitor keeps nothing there yet)
 * @param debug true for DEBUG logging
 */
public record MonitorConfig(Path socket, Path dataRoot, boolean debug) {
}
