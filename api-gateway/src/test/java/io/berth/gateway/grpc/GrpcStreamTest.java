package io.berth.gateway.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import io.berth.common.errors.NotFoundException;
import io.berth.gateway.testing.Await;
import io.berth.proto.engine.v1.ContainerLogsRequest;
import io.berth.proto.engine.v1.ContainerLogsResponse;
import io.berth.proto.engine.v1.ContainersGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GrpcStreamTest {
    Server server;
    ManagedChannel channel;
    volatile boolean cancelled;

    private ContainersGrpc.ContainersStub start(ContainersGrpc.ContainersImplBase impl) throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).addService(impl).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        return ContainersGrpc.newStub(channel);
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static ContainerLogsResponse line(String s) {
        return ContainerLogsResponse.newBuilder().setData(ByteString.copyFromUtf8(s)).build();
    }

    @Test
    void next_deliversMessagesThenThePeersErrorInItsCategory() throws Exception {
        ContainersGrpc.ContainersStub stub = start(new ContainersGrpc.ContainersImplBase() {
            @Override
            public void containerLogs(ContainerLogsRequest r, StreamObserver<ContainerLogsResponse> out) {
                out.onNext(line("a"));
                out.onNext(line("b"));
                out.onError(Status.NOT_FOUND.withDescription("No such container: x").asRuntimeException());
            }
        });
        GrpcStream<ContainerLogsRequest, ContainerLogsResponse> s = new GrpcStream<>("engine");
        stub.containerLogs(ContainerLogsRequest.getDefaultInstance(), s);
        assertEquals("a", s.next().getData().toStringUtf8());
        assertEquals("b", s.next().getData().toStringUtf8());
        NotFoundException e = assertThrows(NotFoundException.class, s::next);
        assertEquals("No such container: x", e.getMessage());
        assertNull(s.next());
    }

    @Test
    void next_normalEnd_isNull() throws Exception {
        ContainersGrpc.ContainersStub stub = start(new ContainersGrpc.ContainersImplBase() {
            @Override
            public void containerLogs(ContainerLogsRequest r, StreamObserver<ContainerLogsResponse> out) {
                out.onNext(line("only"));
                out.onCompleted();
            }
        });
        GrpcStream<ContainerLogsRequest, ContainerLogsResponse> s = new GrpcStream<>("engine");
        stub.containerLogs(ContainerLogsRequest.getDefaultInstance(), s);
        assertEquals("only", s.next().getData().toStringUtf8());
        assertNull(s.next());
    }

    @Test
    void close_cancelsTheRunningCall() throws Exception {
        ContainersGrpc.ContainersStub stub = start(new ContainersGrpc.ContainersImplBase() {
            @Override
            public void containerLogs(ContainerLogsRequest r, StreamObserver<ContainerLogsResponse> out) {
                ((ServerCallStreamObserver<ContainerLogsResponse>) out).setOnCancelHandler(() -> cancelled = true);
                out.onNext(line("follow"));
            }
        });
        GrpcStream<ContainerLogsRequest, ContainerLogsResponse> s = new GrpcStream<>("engine");
        stub.containerLogs(ContainerLogsRequest.getDefaultInstance(), s);
        assertEquals("follow", s.next().getData().toStringUtf8());
        s.close();
        Await.until("server sees the cancellation", () -> cancelled);
        assertThrows(RuntimeException.class, s::next);
    }
}
