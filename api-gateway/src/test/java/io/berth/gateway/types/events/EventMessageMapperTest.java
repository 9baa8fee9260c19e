package io.berth.gateway.types.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.berth.proto.monitor.v1.Event;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventMessageMapperTest {
    @Test
    void of_containerEvent_hasLegacyFieldsAndSortedAttributes() {
        EventMessage m = EventMessageMapper.of(Event.newBuilder().setType("container").setAction("start")
                .setActorId("abc").putAttributes("name", "web").putAttributes("image", "busybox")
                .setTimeNano(1_500_000_000L).build());

        assertEquals("start", m.status());
        assertEquals("abc", m.id());
        assertEquals("busybox", m.from());
        assertEquals("[image, name]", m.actor().attributes().keySet().toString());
        assertEquals("local", m.scope());
        assertEquals(1, m.time());
        assertEquals(1_500_000_000L, m.timeNano());
    }

    @Test
    void of_otherTypes_haveNoLegacyFields() {
        EventMessage image = EventMessageMapper.of(Event.newBuilder().setType("image").setAction("tag")
                .setActorId("sha256:x").putAttributes("image", "i").build());
        assertEquals("tag", image.status());
        assertNull(image.from());

        EventMessage network = EventMessageMapper.of(Event.newBuilder().setType("network").setAction("connect")
                .setActorId("n").setScope("swarm").setTimeNano(-1).build());
        assertNull(network.status());
        assertNull(network.id());
        assertEquals("swarm", network.scope());
        assertEquals(-1, network.time());
        assertEquals(Map.of(), network.actor().attributes());
    }
}
