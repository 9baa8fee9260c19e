package io.berth.monitor.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.proto.monitor.v1.Event;
import io.berth.proto.types.v1.Filters;
import io.berth.proto.types.v1.StringList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFilterTest {
    private static final Event START_WEB = Event.newBuilder().setType("container").setAction("start")
            .setActorId("4f2a9c0d11aa").putAttributes("name", "web").putAttributes("image", "fixture/busybox:1")
            .putAttributes("tier", "front").putAttributes("team", "a").setScope("local").build();
    private static final Event LOAD_IMAGE = Event.newBuilder().setType("image").setAction("load")
            .setActorId("fixture/busybox:1").putAttributes("name", "fixture/busybox:1").setScope("local").build();

    private static EventFilter filter(Map<String, List<String>> m) {
        return EventFilter.of(m);
    }

    @Test
    void test_noFilters_acceptsEverything() {
        assertTrue(EventFilter.all().test(START_WEB));
        assertTrue(EventFilter.all().test(LOAD_IMAGE));
    }

    @Test
    void test_type_matchesExactly() {
        EventFilter f = filter(Map.of("type", List.of("container")));
        assertTrue(f.test(START_WEB));
        assertFalse(f.test(LOAD_IMAGE));
    }

    @Test
    void test_valuesOfOneKey_areOred() {
        EventFilter f = filter(Map.of("event", List.of("die", "start")));
        assertTrue(f.test(START_WEB));
        assertFalse(f.test(LOAD_IMAGE));
    }

    @Test
    void test_differentKeys_areAnded() {
        assertTrue(filter(Map.of("type", List.of("container"), "event", List.of("start"))).test(START_WEB));
        assertFalse(filter(Map.of("type", List.of("container"), "event", List.of("die"))).test(START_WEB));
    }

    @Test
    void test_container_matchesNameOrIdPrefix() {
        assertTrue(filter(Map.of("container", List.of("web"))).test(START_WEB));
        assertTrue(filter(Map.of("container", List.of("4f2a"))).test(START_WEB));
        assertFalse(filter(Map.of("container", List.of("db"))).test(START_WEB));
        assertFalse(filter(Map.of("container", List.of("db"))).test(LOAD_IMAGE));
    }

    @Test
    void test_image_matchesAttributeOrActorWithAndWithoutTag() {
        assertTrue(filter(Map.of("image", List.of("fixture/busybox:1"))).test(START_WEB));
        assertTrue(filter(Map.of("image", List.of("fixture/busybox"))).test(START_WEB));
        assertTrue(filter(Map.of("image", List.of("fixture/busybox"))).test(LOAD_IMAGE));
        assertFalse(filter(Map.of("image", List.of("fixture/busy"))).test(START_WEB));
    }

    @Test
    void test_label_keyOrKeyValue_allMustMatch() {
        assertTrue(filter(Map.of("label", List.of("tier"))).test(START_WEB));
        assertTrue(filter(Map.of("label", List.of("tier=front"))).test(START_WEB));
        assertTrue(filter(Map.of("label", List.of("tier=front", "team=a"))).test(START_WEB));
        assertFalse(filter(Map.of("label", List.of("tier=front", "team=b"))).test(START_WEB));
        assertFalse(filter(Map.of("label", List.of("tier=back"))).test(START_WEB));
        assertFalse(filter(Map.of("label", List.of("tier"))).test(LOAD_IMAGE));
    }

    @Test
    void test_execEventValue_matchesByPrefix() {
        Event exec = START_WEB.toBuilder().setAction("exec_start: sh -c true").build();
        assertTrue(filter(Map.of("event", List.of("exec_start"))).test(exec));
        assertFalse(filter(Map.of("event", List.of("start"))).test(exec));
    }

    @Test
    void test_unknownKey_isIgnored() {
        assertTrue(filter(Map.of("colour", List.of("blue"))).test(START_WEB));
    }

    @Test
    void fromProto_readsEveryKey() {
        Filters proto = Filters.newBuilder()
                .putFilters("type", StringList.newBuilder().addValues("image").build())
                .putFilters("event", StringList.newBuilder().addValues("load").addValues("tag").build())
                .build();
        EventFilter f = EventFilter.fromProto(proto);
        assertTrue(f.test(LOAD_IMAGE));
        assertFalse(f.test(START_WEB));
    }

    @Test
    void stripTag_removesTagOrDigestButKeepsRegistryPort() {
        assertEquals("fixture/busybox", EventFilter.stripTag("fixture/busybox:1"));
        assertEquals("localhost:5000/x", EventFilter.stripTag("localhost:5000/x:2"));
        assertEquals("localhost:5000/x", EventFilter.stripTag("localhost:5000/x"));
        assertEquals("busybox", EventFilter.stripTag("busybox@sha256:abcd"));
    }
}
