package io.berth.gateway;

import io.berth.common.net.HostAddress;
import io.berth.gateway.tls.TlsSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * The gateway's configuration, from {@link GatewayMain}'s flags.
 *
 * @param hosts the Docker Engine API addresses to serve ({@code -H unix://...}, {@code -H tcp://...})
 * @param tls the TLS flags of the TCP listeners
 * @param engineSocket engine-service gRPC socket ({@code <exec-root>/engine.sock})
 * @param storageSocket storage-service gRPC socket ({@code <exec-root>/storage.sock})
 * @param monitorSocket monitor-service gRPC socket ({@code <exec-root>/monitor.sock})
 * @param dataRoot the daemon's data root (default /var/lib/berth)
 * @param execRoot the daemon's exec root (default /var/run/berth)
 * @param debug debug logging
 * @param logDriver the daemon's default log driver ({@code --log-driver}; {@code docker info} LoggingDriver)
 */
public record GatewayOptions(List<HostAddress> hosts, TlsSettings tls, Path engineSocket, Path storageSocket, Path monitorSocket,
                             Path dataRoot, Path execRoot, boolean debug,
                             String logDriver) {
    /** Copies the address list. */
    public GatewayOptions {
        hosts = List.copyOf(hosts);
    }
}
