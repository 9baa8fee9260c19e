package io.berth.daemon;

import io.berth.common.grpc.UnixChannels;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Readiness of a gRPC service: its unix socket answers the standard health check ({@code grpc.health.v1},
 * server-wide, service "") with SERVING. Each check uses a fresh channel, so a refused first attempt does
 * not leave gRPC's reconnect back-off in the way of the next. The tests' check that a (fake) service really
 * serves gRPC; berthd itself uses the lighter {@link SocketProbe}.
 *
 * @param socket the service's socket
 */
public record GrpcHealthProbe(Path socket) implements ReadinessProbe {
    @Override
    public boolean isReady() {
        if (!Files.exists(socket)) {
            return false;
        }
        ManagedChannel ch = UnixChannels.connect(socket);
        try {
            return HealthGrpc.newBlockingStub(ch).withDeadlineAfter(2, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()).getStatus() == ServingStatus.SERVING;
        } catch (StatusRuntimeException e) {
            return false;
        } finally {
            ch.shutdownNow();
        }
    }
}
