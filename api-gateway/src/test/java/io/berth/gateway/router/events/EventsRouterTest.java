package io.berth.gateway.router.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.json.Json;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.gateway.testing.RecordingExchange;
import io.berth.gateway.testing.Requests;
import io.berth.proto.monitor.v1.Event;
import io.berth.proto.monitor.v1.SubscribeEventsRequest;
import io.berth.proto.monitor.v1.SubscribeEventsResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class EventsRouterTest {
    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @Mock
    EventsBackend backend;

    EventsRouter router() {
        return new EventsRouter(backend, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static SubscribeEventsResponse event(String type, String action, long timeNano) {
        return SubscribeEventsResponse.newBuilder().setEvent(Event.newBuilder().setType(type).setAction(action)
                .setActorId("abc").putAttributes("name", "web").putAttributes("image", "fixture/busybox:1")
                .setScope("local").setTimeNano(timeNano)).build();
    }

    @Test
    void getEvents_writesOneDockerEventPerChunk() throws Exception {
        long t = 1_795_943_710_123_456_789L;
        when(backend.subscribe(any())).thenReturn(ResponseStream.of(event("container", "start", t),
                event("image", "tag", t + 1)));
        RecordingExchange ex = new RecordingExchange();
        router().getEvents(Requests.get("/events").query("since", "1795943707")
                .query("until", "1795943746").query("filters", "{\"container\":{\"web\":true}}").build(), ex);
        ArgumentCaptor<SubscribeEventsRequest> req = ArgumentCaptor.forClass(SubscribeEventsRequest.class);
        verify(backend).subscribe(req.capture());
        assertEquals(1_795_943_707_000_000_000L, req.getValue().getSinceNano());
        assertEquals(1_795_943_746_000_000_000L, req.getValue().getUntilNano());
        assertEquals(List.of("web"), req.getValue().getFilters().getFiltersOrThrow("container").getValuesList());
        assertEquals(List.of("headers 200", "chunk", "chunk", "end"), ex.events);
        assertEquals("application/json", ex.contentType);
        JsonNode c = Json.parse(ex.chunks.get(0));
        assertEquals("start", c.get("status").asText());
        assertEquals("abc", c.get("id").asText());
        assertEquals("fixture/busybox:1", c.get("from").asText());
        assertEquals("container", c.get("Type").asText());
        assertEquals("start", c.get("Action").asText());
        assertEquals("abc", c.get("Actor").get("ID").asText());
        assertEquals("web", c.get("Actor").get("Attributes").get("name").asText());
        assertEquals("local", c.get("scope").asText());
        assertEquals(1_795_943_710L, c.get("time").asLong());
        assertEquals(t, c.get("timeNano").asLong());
        JsonNode i = Json.parse(ex.chunks.get(1));
        assertEquals("tag", i.get("status").asText());
        assertFalse(i.has("from"));
        assertEquals('\n', ex.chunks.get(0)[ex.chunks.get(0).length - 1]);
    }

    @Test
    void getEvents_goDurations_countBackFromNow() throws Exception {
        when(backend.subscribe(any())).thenReturn(ResponseStream.of());
        router().getEvents(Requests.get("/events").query("since", "1h").query("until", "0s").build(),
                new RecordingExchange());
        ArgumentCaptor<SubscribeEventsRequest> req = ArgumentCaptor.forClass(SubscribeEventsRequest.class);
        verify(backend).subscribe(req.capture());
        long now = NOW.getEpochSecond() * 1_000_000_000L;
        assertEquals(now - 3_600_000_000_000L, req.getValue().getSinceNano());
        assertEquals(now, req.getValue().getUntilNano());
        assertEquals(1_795_943_707_000_000_000L, EventsRouter.eventTime("1795943707", "since", now));
        assertEquals(now + 90_000_000_000L, EventsRouter.eventTime("-1m30s", "until", now));
    }

    @Test
    void getEvents_untilWithoutSince_readsHistoryFromTheStart() throws Exception {
        when(backend.subscribe(any())).thenReturn(ResponseStream.of());
        router().getEvents(Requests.get("/events").query("until", "1795943746").build(), new RecordingExchange());
        ArgumentCaptor<SubscribeEventsRequest> req = ArgumentCaptor.forClass(SubscribeEventsRequest.class);
        verify(backend).subscribe(req.capture());
        assertEquals(1, req.getValue().getSinceNano());
    }

    @Test
    void getEvents_eventsAfterUntil_areNotSent() throws Exception {
        long until = 1_795_943_746_000_000_000L;
        when(backend.subscribe(any())).thenReturn(ResponseStream.of(event("container", "die", until - 1),
                event("container", "destroy", until + 1)));
        RecordingExchange ex = new RecordingExchange();
        router().getEvents(Requests.get("/events").query("since", "1").query("until", "1795943746").build(), ex);
        assertEquals(1, ex.chunks.size());
        assertTrue(ex.ended);
    }

    @Test
    void getEvents_untilBeforeSince_isBadRequestBeforeSubscribing() {
        org.junit.jupiter.api.Assertions.assertThrows(io.berth.common.errors.InvalidArgumentException.class,
                () -> router().getEvents(Requests.get("/events").query("since", "20").query("until", "10").build(),
                        new RecordingExchange()));
        org.mockito.Mockito.verifyNoInteractions(backend);
    }

    @Test
    void getEvents_futureUntil_endsTheResponseCleanly_evenWhileTheTimerIsStillClosingTheStream() throws Exception {
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        when(backend.subscribe(any())).thenReturn(new ResponseStream<>() {
            @Override
            public SubscribeEventsResponse next() throws InterruptedException {
                closed.await();
                throw new io.berth.common.errors.InternalException("the HTTP client closed the connection");
            }

            @Override
            public void close() {
                closed.countDown();
                try {
                    Thread.sleep(300); // the timer task is not "done" while the reader already wakes up
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        RecordingExchange ex = new RecordingExchange();
        router().getEvents(Requests.get("/events").query("since", Long.toString(NOW.getEpochSecond() - 5))
                .query("until", NOW.getEpochSecond() + ".2").build(), ex);
        assertEquals(List.of("headers 200", "end"), ex.events);
    }
}
