package io.berth.monitor.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.grpc.ExceptionMappingInterceptor;
import io.berth.monitor.events.EventBus;
import io.berth.proto.monitor.v1.Event;
import io.berth.proto.monitor.v1.EventsGrpc;
import io.berth.proto.monitor.v1.PublishEventRequest;
import io.berth.proto.monitor.v1.SubscribeEventsRequest;
import io.berth.proto.monitor.v1.SubscribeEventsResponse;
import io.berth.proto.types.v1.Filters;
import io.berth.proto.types.v1.StringList;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SubscribeEvents and PublishEvent through a real (in-process) gRPC server and client. */
class EventsServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final long NOW_NANO = NOW.getEpochSecond() * 1_000_000_000L;

    private EventBus bus;
    private Server server;
    private ManagedChannel channel;

    private EventsGrpc.EventsBlockingStub start(int queueSize) throws Exception {
        bus = new EventBus(Clock.fixed(NOW, ZoneOffset.UTC), 64, queueSize);
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(ServerInterceptors.intercept(new EventsService(bus), new ExceptionMappingInterceptor()))
                .build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        return EventsGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        bus.close();
    }

    private static PublishEventRequest publish(String action, String name) {
        return PublishEventRequest.newBuilder().setEvent(Event.newBuilder().setType("container").setAction(action)
                .setActorId("id-" + name).putAttributes("name", name)).build();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(condition.getAsBoolean(), "condition not met within 10 s");
    }

    @Test
    void subscribeEvents_untilNow_streamsStampedHistoryInOrderAndEnds() throws Exception {
        EventsGrpc.EventsBlockingStub stub = start(16);
        stub.publishEvent(publish("create", "web"));
        stub.publishEvent(publish("start", "web"));
        Iterator<SubscribeEventsResponse> it = stub.subscribeEvents(SubscribeEventsRequest.newBuilder()
                .setSinceNano(1).setUntilNano(NOW_NANO).build());
        List<Event> got = new ArrayList<>();
        it.forEachRemaining(r -> got.add(r.getEvent()));
        assertEquals(List.of("create", "start"), got.stream().map(Event::getAction).toList());
        assertEquals(NOW_NANO, got.get(0).getTimeNano());
        assertEquals("local", got.get(0).getScope());
    }

    @Test
    void subscribeEvents_withFilter_streamsOnlyMatchingEvents() throws Exception {
        EventsGrpc.EventsBlockingStub stub = start(16);
        stub.publishEvent(publish("create", "web"));
        stub.publishEvent(publish("create", "db"));
        Filters f = Filters.newBuilder().putFilters("container", StringList.newBuilder().addValues("db").build())
                .build();
        Iterator<SubscribeEventsResponse> it = stub.subscribeEvents(SubscribeEventsRequest.newBuilder()
                .setSinceNano(1).setUntilNano(NOW_NANO).setFilters(f).build());
        List<String> names = new ArrayList<>();
        it.forEachRemaining(r -> names.add(r.getEvent().getAttributesOrThrow("name")));
        assertEquals(List.of("db"), names);
    }

    @Test
    void publishEvent_withoutAction_isInvalidArgument() throws Exception {
        EventsGrpc.EventsBlockingStub stub = start(16);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.publishEvent(
                PublishEventRequest.newBuilder().setEvent(Event.newBuilder().setType("container")).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    }

    @Test
    void subscribeEvents_untilBeforeSince_isInvalidArgument() throws Exception {
        EventsGrpc.EventsBlockingStub stub = start(16);
        Iterator<SubscribeEventsResponse> it = stub.subscribeEvents(SubscribeEventsRequest.newBuilder()
                .setSinceNano(10).setUntilNano(5).build());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, it::hasNext);
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    }

    @Test
    void subscribeEvents_live_receivesEventsAndCancelUnsubscribes() throws Exception {
        EventsGrpc.EventsBlockingStub stub = start(16);
        Recorder rec = new Recorder(Integer.MAX_VALUE);
        EventsGrpc.newStub(channel).subscribeEvents(SubscribeEventsRequest.getDefaultInstance(), rec);
        await(() -> bus.subscriberCount() == 1);
        stub.publishEvent(publish("start", "web"));
        assertEquals("start", rec.events.poll(10, TimeUnit.SECONDS).getAction());
        rec.call.cancel("test done", null);
        await(() -> bus.subscriberCount() == 0);
    }

    @Test
    void subscribeEvents_clientThatStopsReading_isDropped() throws Exception {
        EventsGrpc.EventsBlockingStub stub = start(4);
        Recorder rec = new Recorder(1);
        EventsGrpc.newStub(channel).subscribeEvents(SubscribeEventsRequest.getDefaultInstance(), rec);
        await(() -> bus.subscriberCount() == 1);
        for (int i = 0; i < 20; i++) {
            stub.publishEvent(publish("e" + i, "web"));
        }
        await(() -> bus.subscriberCount() == 0);
        rec.call.request(100);
        await(() -> rec.error != null);
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, Status.fromThrowable(rec.error).getCode());
    }

    /** A client observer that asks for {@code initial} messages and records what it gets. */
    private static final class Recorder implements ClientResponseObserver<SubscribeEventsRequest,
            SubscribeEventsResponse> {
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final int initial;
        volatile ClientCallStreamObserver<SubscribeEventsRequest> call;
        volatile Throwable error;

        Recorder(int initial) {
            this.initial = initial;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<SubscribeEventsRequest> requestStream) {
            call = requestStream;
            if (initial != Integer.MAX_VALUE) {
                requestStream.disableAutoRequestWithInitial(initial);
            }
        }

        @Override
        public void onNext(SubscribeEventsResponse value) {
            events.add(value.getEvent());
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onCompleted() {
        }
    }
}
