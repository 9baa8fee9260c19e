package io.berth.common.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.errors.BerthException;
import io.berth.common.errors.ConflictException;
import io.berth.common.errors.NotFoundException;
import io.berth.proto.monitor.v1.EventsGrpc;
import io.berth.proto.monitor.v1.PublishEventRequest;
import io.berth.proto.monitor.v1.PublishEventResponse;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A handler that throws a BerthException reaches the client as the category's status, message intact. */
class ExceptionMappingInterceptorTest {
    private Server server;
    private ManagedChannel channel;

    private EventsGrpc.EventsBlockingStub serve(Supplier<RuntimeException> error) throws Exception {
        String name = InProcessServerBuilder.generateName();
        EventsGrpc.EventsImplBase impl = new EventsGrpc.EventsImplBase() {
            @Override
            public void publishEvent(PublishEventRequest request, StreamObserver<PublishEventResponse> out) {
                throw error.get();
            }
        };
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(ServerInterceptors.intercept(impl, new ExceptionMappingInterceptor())).build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        return EventsGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void tearDown() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    void notFound_travelsAsNotFound_withDockersMessage() throws Exception {
        EventsGrpc.EventsBlockingStub stub = serve(() -> new NotFoundException("No such container: web"));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> stub.publishEvent(PublishEventRequest.getDefaultInstance()));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertEquals("No such container: web", e.getStatus().getDescription());
    }

    @Test
    void call_translatesBackToTheSameCategory() throws Exception {
        EventsGrpc.EventsBlockingStub stub = serve(() -> new ConflictException("container x is not running"));
        BerthException e = assertThrows(BerthException.class,
                () -> GrpcErrors.call(() -> stub.publishEvent(PublishEventRequest.getDefaultInstance())));
        assertInstanceOf(ConflictException.class, e);
        assertEquals("container x is not running", e.getMessage());
    }

    @Test
    void unexpectedException_becomesInternal_withItsMessage() throws Exception {
        EventsGrpc.EventsBlockingStub stub = serve(() -> new IllegalStateException("boom"));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> stub.publishEvent(PublishEventRequest.getDefaultInstance()));
        assertEquals(Status.Code.INTERNAL, e.getStatus().getCode());
        assertEquals("boom", e.getStatus().getDescription());
    }
}
