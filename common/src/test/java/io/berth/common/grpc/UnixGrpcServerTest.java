package io.berth.common.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.proto.monitor.v1.EventsGrpc;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A berth gRPC server on a real unix socket answers gRPC's standard health check and lists its services
 * through server reflection, so any gRPC client (grpcurl, grpc_health_probe) can discover the API.
 */
class UnixGrpcServerTest {
    @TempDir
    Path dir;

    @Test
    void start_servesHealthAndReflection_andCloseRemovesTheSocket() throws Exception {
        Path socket = dir.resolve("svc.sock");
        ManagedChannel channel = null;
        try (UnixGrpcServer server = UnixGrpcServer.start(socket, List.of(new EventsGrpc.EventsImplBase() { }))) {
            channel = UnixChannels.connect(socket);
            HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
            assertEquals(HealthCheckResponse.ServingStatus.SERVING,
                    health.check(HealthCheckRequest.newBuilder().setService("berth.monitor.v1.Events").build()).getStatus());
            assertEquals(HealthCheckResponse.ServingStatus.SERVING,
                    health.check(HealthCheckRequest.getDefaultInstance()).getStatus());

            CompletableFuture<List<String>> names = new CompletableFuture<>();
            StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                    .serverReflectionInfo(new StreamObserver<>() {
                        @Override
                        public void onNext(ServerReflectionResponse r) {
                            names.complete(r.getListServicesResponse().getServiceList().stream()
                                    .map(ServiceResponse::getName).toList());
                        }

                        @Override
                        public void onError(Throwable t) {
                            names.completeExceptionally(t);
                        }

                        @Override
                        public void onCompleted() {
                        }
                    });
            requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
            List<String> listed = names.get(10, TimeUnit.SECONDS);
            requests.onCompleted();
            assertTrue(listed.contains("berth.monitor.v1.Events"), listed.toString());
            assertTrue(listed.contains("grpc.health.v1.Health"), listed.toString());
        } finally {
            if (channel != null) {
                channel.shutdownNow();
            }
        }
        assertFalse(Files.exists(socket), "the socket file is removed on close");
    }
}
