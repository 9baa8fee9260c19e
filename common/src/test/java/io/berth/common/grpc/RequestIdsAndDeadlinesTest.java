package io.berth.common.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.proto.monitor.v1.Event;
import io.berth.proto.monitor.v1.EventsGrpc;
import io.berth.proto.monitor.v1.PublishEventRequest;
import io.berth.proto.monitor.v1.PublishEventResponse;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.ThreadContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request ID and the default deadlines over real unix sockets: the ID set in the caller's ThreadContext
 * arrives in the service's ThreadContext and gRPC context, is forwarded on the calls that service makes, and
 * every unary call carries the default deadline; a missing service's error names it.
 */
class RequestIdsAndDeadlinesTest {
    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        ThreadContext.clearAll();
    }

    /** Records what the handler saw: the ID in ThreadContext and Context, and the deadline's remainder. */
    private static final class Recorder extends EventsGrpc.EventsImplBase {
        final List<String> threadContextIds = new CopyOnWriteArrayList<>();
        final List<String> contextIds = new CopyOnWriteArrayList<>();
        final List<Long> deadlineMillis = new CopyOnWriteArrayList<>();
        volatile EventsGrpc.EventsBlockingStub forwardTo;

        @Override
        public void publishEvent(PublishEventRequest request, StreamObserver<PublishEventResponse> response) {
            threadContextIds.add(String.valueOf(ThreadContext.get(RequestIds.THREAD_CONTEXT_KEY)));
            contextIds.add(String.valueOf(RequestIds.CONTEXT_KEY.get()));
            Deadline d = Context.current().getDeadline();
            deadlineMillis.add(d == null ? -1 : d.timeRemaining(TimeUnit.MILLISECONDS));
            if (forwardTo != null) {
                forwardTo.publishEvent(request);
            }
            response.onNext(PublishEventResponse.getDefaultInstance());
            response.onCompleted();
        }
    }

    private ManagedChannel channel(Path socket) {
        ManagedChannel c = UnixChannels.connect(socket);
        open.add(c::shutdownNow);
        return c;
    }

    private static PublishEventRequest event() {
        return PublishEventRequest.newBuilder().setEvent(Event.newBuilder().setType("container").setAction("x")).build();
    }

    @Test
    void requestId_reachesTheService_andIsForwardedOnItsOwnCalls() {
        Recorder storage = new Recorder();
        Recorder engine = new Recorder();
        Path storageSocket = dir.resolve("storage.sock");
        Path engineSocket = dir.resolve("engine.sock");
        open.add(UnixGrpcServer.start(storageSocket, List.of(storage)));
        open.add(UnixGrpcServer.start(engineSocket, List.of(engine)));
        engine.forwardTo = EventsGrpc.newBlockingStub(channel(storageSocket));

        try (RequestIds.Scope s = RequestIds.enter("3fa0c1d2e4b5")) {
            EventsGrpc.newBlockingStub(channel(engineSocket)).publishEvent(event());
        }

        assertEquals(List.of("3fa0c1d2e4b5"), engine.threadContextIds);
        assertEquals(List.of("3fa0c1d2e4b5"), engine.contextIds);
        assertEquals(List.of("3fa0c1d2e4b5"), storage.threadContextIds, "engine -> storage carries the ID");
        assertEquals(List.of("3fa0c1d2e4b5"), storage.contextIds);
        assertNull(ThreadContext.get(RequestIds.THREAD_CONTEXT_KEY), "the caller's scope is undone");
    }

    @Test
    void withoutAnId_theServiceSeesNone_andAForgedIdIsDropped() {
        Recorder svc = new Recorder();
        Path socket = dir.resolve("svc.sock");
        open.add(UnixGrpcServer.start(socket, List.of(svc)));
        EventsGrpc.EventsBlockingStub stub = EventsGrpc.newBlockingStub(channel(socket));

        stub.publishEvent(event());
        try (RequestIds.Scope s = RequestIds.enter("a b\nINFO forged line")) {
            stub.publishEvent(event());
        }

        assertEquals(List.of("null", "null"), svc.threadContextIds);
    }

    @Test
    void unaryCalls_carryTheDefaultDeadline_unlessTheCallerSetOne() {
        Recorder svc = new Recorder();
        Path socket = dir.resolve("svc.sock");
        open.add(UnixGrpcServer.start(socket, List.of(svc)));
        EventsGrpc.EventsBlockingStub stub = EventsGrpc.newBlockingStub(channel(socket));

        stub.publishEvent(event());
        stub.withDeadlineAfter(2, TimeUnit.SECONDS).publishEvent(event());

        long dflt = CallDeadlines.DEFAULT.toMillis();
        assertTrue(svc.deadlineMillis.get(0) > dflt - 5_000 && svc.deadlineMillis.get(0) <= dflt,
                "default deadline: " + svc.deadlineMillis);
        assertTrue(svc.deadlineMillis.get(1) > 0 && svc.deadlineMillis.get(1) <= 2_000,
                "the caller's own deadline wins: " + svc.deadlineMillis);
    }

    @Test
    void deadlinePolicy_unaryDefault_longOperations_openStreamsNone() {
        assertEquals(CallDeadlines.DEFAULT, CallDeadlines.of(EventsGrpc.getPublishEventMethod()));
        assertNull(CallDeadlines.of(EventsGrpc.getSubscribeEventsMethod()), "events stream: no deadline");
        assertEquals(CallDeadlines.LONG, CallDeadlines.of(method("berth.engine.v1.Containers/StopContainer",
                MethodDescriptor.MethodType.UNARY)));
        assertEquals(CallDeadlines.DEFAULT, CallDeadlines.of(method("berth.engine.v1.Containers/ListContainers",
                MethodDescriptor.MethodType.SERVER_STREAMING)), "docker ps is bounded");
        assertNull(CallDeadlines.of(method("berth.engine.v1.Containers/ContainerLogs",
                MethodDescriptor.MethodType.SERVER_STREAMING)), "logs -f: none");
        assertEquals(Duration.ofSeconds(30), CallDeadlines.DEFAULT);
    }

    @Test
    void aMissingService_isNamedInTheError() {
        EventsGrpc.EventsBlockingStub stub = EventsGrpc.newBlockingStub(channel(dir.resolve("storage.sock")));

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.publishEvent(event()));

        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().startsWith("storage-service is not available: "),
                e.getStatus().getDescription());
    }

    @Test
    void aRestartedService_isReachedAgainWithinASecond() throws Exception {
        Recorder svc = new Recorder();
        Path socket = dir.resolve("svc.sock");
        EventsGrpc.EventsBlockingStub stub = EventsGrpc.newBlockingStub(channel(socket));
        // several failed attempts grow gRPC's own reconnect back-off to seconds
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
        while (System.nanoTime() < until) {
            assertThrows(StatusRuntimeException.class, () -> stub.publishEvent(event()));
            Thread.sleep(200);
        }
        open.add(UnixGrpcServer.start(socket, List.of(svc)));
        long back = System.nanoTime();
        while (true) {
            try {
                stub.publishEvent(event());
                break;
            } catch (StatusRuntimeException e) {
                assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
                assertTrue(System.nanoTime() - back < TimeUnit.SECONDS.toNanos(3), "not reconnected in 3 s");
                Thread.sleep(50);
            }
        }
        assertTrue(System.nanoTime() - back < TimeUnit.MILLISECONDS.toNanos(1_500),
                "reconnected after " + (System.nanoTime() - back) / 1_000_000 + " ms");
    }

    private static MethodDescriptor<Object, Object> method(String name, MethodDescriptor.MethodType type) {
        MethodDescriptor.Marshaller<Object> m = new MethodDescriptor.Marshaller<>() {
            @Override
            public java.io.InputStream stream(Object value) {
                return java.io.InputStream.nullInputStream();
            }

            @Override
            public Object parse(java.io.InputStream stream) {
                return null;
            }
        };
        return MethodDescriptor.newBuilder(m, m).setFullMethodName(name).setType(type).build();
    }

}
