package io.berth.monitor;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The monitor's settings, from its command line.
 *
 * @param socket the unix socket to serve gRPC on ({@code <exec-root>/monitor.sock})
 * @param dataRoot berth's data root (the monitor keeps its event journal in {@code monitor/} there)
 * @param debug true for DEBUG logging
 * @param engineSocket the engine's gRPC socket ({@code <exec-root>/engine.sock}), where the stats sampler asks
 *     which containers run; null: no containers are sampled (every container reads as not running)
 * @param hostRoot the directory holding the host's proc and sys ("/"; tests give a fixture tree)
 * @param metricsAddress where the metrics view (the page, {@code /metrics}, cAdvisor's API) listens over plain
 *     HTTP ({@code --metrics-addr}); null: off
 */
public record MonitorConfig(Path socket, Path dataRoot, boolean debug, Path engineSocket, Path hostRoot,
                            InetSocketAddress metricsAddress) {
    /**
     * A monitor without an engine (no stats) on the real host's files.
     *
     * @param socket the unix socket to serve gRPC on
     * @param dataRoot berth's data root
     * @param debug true for DEBUG logging
     */
    public MonitorConfig(Path socket, Path dataRoot, boolean debug) {
        this(socket, dataRoot, debug, null, Path.of("/"), null);
    }
}
