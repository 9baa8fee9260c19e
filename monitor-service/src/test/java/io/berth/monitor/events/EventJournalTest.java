package io.berth.monitor.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.proto.monitor.v1.Event;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventJournalTest {
    @TempDir
    Path dir;

    static Event event(int n) {
        return Event.newBuilder().setType("container").setAction("create").setActorId("id" + n)
                .putAttributes("name", "c" + n).setScope("local").setTimeNano(1_000L + n).build();
    }

    EventJournal open(int segmentEvents, long segmentBytes) {
        return EventJournal.open(dir, segmentEvents, segmentBytes, Duration.ofSeconds(60));
    }

    static List<String> ids(List<Event> events) {
        return events.stream().map(Event::getActorId).toList();
    }

    @Test
    void appendedEvents_areReadBackInOrder_withoutAnFsync() {
        // No close(), no sync(): what a kill -9 leaves behind is what the page cache holds.
        EventJournal j = open(100, 1 << 20);
        for (int i = 0; i < 5; i++) {
            j.append(event(i));
        }
        EventJournal again = open(100, 1 << 20);
        assertEquals(List.of("id0", "id1", "id2", "id3", "id4"), ids(again.recovered(100)));
        assertEquals(List.of("id3", "id4"), ids(again.recovered(2)));
        assertEquals(event(4), again.recovered(1).get(0));
        j.close();
        again.close();
    }

    @Test
    void aTornLastRecord_isCutOff_andAppendingGoesOn() throws IOException {
        EventJournal j = open(100, 1 << 20);
        j.append(event(0));
        j.append(event(1));
        j.close();
        Path seg = EventJournal.segmentPath(dir, 1);
        long size = Files.size(seg);
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.truncate(size - 3); // a record cut short
        }
        EventJournal reopened = open(100, 1 << 20);
        assertEquals(List.of("id0"), ids(reopened.recovered(10)));
        reopened.append(event(2));
        reopened.close();
        assertEquals(List.of("id0", "id2"), ids(open(100, 1 << 20).recovered(10)));
    }

    @Test
    void aCorruptRecord_failsItsCrc_andEndsTheSegment() throws IOException {
        EventJournal j = open(100, 1 << 20);
        j.append(event(0));
        j.append(event(1));
        j.close();
        Path seg = EventJournal.segmentPath(dir, 1);
        byte[] bytes = Files.readAllBytes(seg);
        bytes[bytes.length - 2] ^= 0x55;
        Files.write(seg, bytes);
        assertEquals(List.of("id0"), ids(open(100, 1 << 20).recovered(10)));
    }

    @Test
    void aRecordClaimingAHugeLength_isCorruption_notAnAllocation() throws IOException {
        Path seg = EventJournal.segmentPath(dir, 1);
        Files.createDirectories(dir);
        Files.write(seg, ByteBuffer.allocate(12).putInt(Integer.MAX_VALUE).putInt(0).putInt(7).array());
        EventJournal j = open(100, 1 << 20);
        assertEquals(List.of(), j.recovered(10));
        assertEquals(0, Files.size(seg));
        j.close();
    }

    @Test
    void rotation_keepsTwoSegments_andAtLeastOneSegmentOfEvents() throws IOException {
        EventJournal j = open(10, 1 << 20);
        for (int i = 0; i < 95; i++) {
            j.append(event(i));
        }
        j.close();
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(2, s.count());
        }
        List<Event> back = open(10, 1 << 20).recovered(1000);
        assertEquals(15, back.size()); // segments 9 (80..89, full) and 10 (90..94)
        assertEquals("id80", back.get(0).getActorId());
        assertEquals("id94", back.get(14).getActorId());
    }

    @Test
    void rotation_byBytes_boundsTheDisk() throws IOException {
        EventJournal j = open(1_000_000, 2_000);
        for (int i = 0; i < 1_000; i++) {
            j.append(event(i));
        }
        j.close();
        long total;
        try (Stream<Path> s = Files.list(dir)) {
            total = s.mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(total <= 4_000, "journal holds " + total + " bytes");
        List<Event> back = open(1_000_000, 2_000).recovered(10_000);
        assertEquals("id999", back.get(back.size() - 1).getActorId());
    }

    @Test
    void leftoverSegmentsOfACrashedRotation_areDropped() throws IOException {
        EventJournal j = open(2, 1 << 20);
        for (int i = 0; i < 6; i++) {
            j.append(event(i));
        }
        j.close();
        Files.write(EventJournal.segmentPath(dir, 0), new byte[0]);
        open(2, 1 << 20).close();
        assertTrue(Files.notExists(EventJournal.segmentPath(dir, 0)));
    }

    @Test
    void bus_reloadsItsHistory_fromTheJournal() throws InterruptedException {
        TestClock clock = new TestClock(Instant.parse("2026-12-03T10:00:00Z"));
        EventBus bus = new EventBus(clock, 3, 16, open(100, 1 << 20));
        for (int i = 0; i < 5; i++) {
            bus.publish(Event.newBuilder().setType("container").setAction("start").setActorId("c" + i).build());
            clock.advance(Duration.ofSeconds(1));
        }
        bus.close();
        clock.advance(Duration.ofSeconds(1));
        EventBus restarted = new EventBus(clock, 3, 16, open(100, 1 << 20));
        CollectingSink sink = new CollectingSink();
        restarted.subscribe(new EventQuery(EventFilter.all(), 1, clock.nanos()), sink);
        assertTrue(sink.awaitEnd());
        assertEquals(List.of("c2", "c3", "c4"), ids(sink.events));
        restarted.close();
    }
}
