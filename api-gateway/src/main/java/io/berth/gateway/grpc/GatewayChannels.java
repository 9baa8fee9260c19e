package io.berth.gateway.grpc;

import io.berth.common.grpc.ServiceChannels;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's gRPC client channels to the three services, on their unix sockets under the exec root
 * ({@code engine.sock}, {@code storage.sock}, {@code monitor.sock}) or at {@code tcp://host:port} with mutual
 * TLS (common's {@code ServiceChannels}). Connections are made lazily, so the
 * gateway starts even if a service is not up yet (calls then fail with 503).
 *
 * @param engine channel to berth.engine.v1
 * @param storage channel to berth.storage.v1
 * @param monitor channel to berth.monitor.v1
 */
public record GatewayChannels(ManagedChannel engine, ManagedChannel storage, ManagedChannel monitor)
        implements AutoCloseable {

    /**
     * @param engineSocket engine-service socket
     * @param storageSocket storage-service socket
     * @param monitorSocket monitor-service socket
     * @return the channels
     */
    public static GatewayChannels connect(Path engineSocket, Path storageSocket, Path monitorSocket) {
        return new GatewayChannels(ServiceChannels.connect(engineSocket.toString(), "engine-service"),
                ServiceChannels.connect(storageSocket.toString(), "storage-service"),
                ServiceChannels.connect(monitorSocket.toString(), "monitor-service"));
    }

    /** Shuts the channels down, cancelling calls still running after 1 s. */
    @Override
    public void close() {
        for (ManagedChannel c : new ManagedChannel[] {engine, storage, monitor}) {
            c.shutdown();
        }
        for (ManagedChannel c : new ManagedChannel[] {engine, storage, monitor}) {
            try {
                if (!c.awaitTermination(1, TimeUnit.SECONDS)) {
                    c.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                c.shutdownNow();
            }
        }
    }
}
