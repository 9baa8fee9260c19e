package io.berth.gateway.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.gateway.grpc.ResponseStream;
import org.junit.jupiter.api.Test;

class EventsListenersTest {
    @Test
    void track_countsEachStreamUntilItsFirstClose() throws InterruptedException {
        EventsListeners listeners = new EventsListeners();
        ResponseStream<String> a = listeners.track(ResponseStream.of("x"));
        ResponseStream<String> b = listeners.track(ResponseStream.of());
        assertEquals(2, listeners.count());
        assertEquals("x", a.next());
        a.close();
        a.close();
        assertEquals(1, listeners.count());
        b.close();
        assertEquals(0, listeners.count());
    }
}
