package io.berth.engine.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogPumpTest {
    private static final long T0 = 1_800_000_000_000_000_000L;

    @TempDir
    Path tmp;

    /** Records entries; takes one batch at a time while {@code budget} allows. */
    private static final class Sink implements LogSubscriber {
        final List<String> got = new ArrayList<>();
        int batches;
        int budget = Integer.MAX_VALUE;
        boolean ended;

        @Override
        public void onEntry(LogEntry e) {
            got.add(new String(e.data(), StandardCharsets.UTF_8));
        }

        @Override
        public void onBatchEnd() {
            batches++;
            budget--;
        }

        @Override
        public void onEnd() {
            ended = true;
        }

        @Override
        public boolean isReady() {
            return budget > 0;
        }
    }

    /** @return conmon's k8s-file log {@code c-k8s.log} with full lines {@code line 0} ... at T0 + i ns */
    private K8sFileLog logWith(int lines) {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            entries.add(entry("line " + i + "\n", i));
        }
        append(entries);
        return new K8sFileLog(tmp.resolve("c-k8s.log"), true);
    }

    /** Appends entries ending in "\n" as conmon writes them: {@code <RFC 3339 ns>+00:00 stdout F <text>}. */
    private void append(List<LogEntry> entries) {
        StringBuilder b = new StringBuilder();
        for (LogEntry e : entries) {
            String text = new String(e.data(), StandardCharsets.UTF_8);
            b.append(CONMON_TIME.format(java.time.Instant.ofEpochSecond(0, e.timeNano()))).append(" stdout F ")
                    .append(text, 0, text.length() - 1).append('\n');
        }
        try {
            java.nio.file.Files.writeString(tmp.resolve("c-k8s.log"), b, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final java.time.format.DateTimeFormatter CONMON_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnn'+00:00'").withZone(java.time.ZoneOffset.UTC);

    private static LogEntry entry(String s, long t) {
        return new LogEntry(LogStream.STDOUT, s.getBytes(StandardCharsets.UTF_8), T0 + t);
    }

    @Test
    void snapshot_slowSubscriber_getsOneBatchPerReadyTurn_thenEverythingInOrder() {
        K8sFileLog log = logWith(50_000);
        Sink sink = new Sink();
        sink.budget = 1;

        LogPump pump = LogPump.snapshot(log, LogQuery.all(), 0, log.size(), sink);
        pump.start();

        assertEquals(1, sink.batches);
        assertTrue(sink.got.size() < 50_000 / 2, "read only about one chunk: " + sink.got.size());
        sink.budget = Integer.MAX_VALUE;
        pump.wake();
        assertEquals(50_000, sink.got.size());
        assertEquals("line 49999\n", sink.got.get(49_999));
        assertEquals("line 12345\n", sink.got.get(12_345));
        assertTrue(sink.ended);
    }

    @Test
    void live_notStarted_deliversNothingUntilStart() {
        K8sFileLog log = logWith(1);
        LogHub hub = new LogHub();
        Sink sink = new Sink();
        LogPump pump = LogPump.live(hub, log, LogQuery.all(), size -> 0, sink);

        hub.publish(() -> append(List.of(entry("two\n", 2))));
        assertEquals(List.of(), sink.got);

        pump.start();
        assertEquals(List.of("line 0\n", "two\n"), sink.got);
    }

    @Test
    void live_fromSize_deliversOnlyNewEntriesOnce_andEndsAfterCloseWhenDrained() {
        K8sFileLog log = logWith(3);
        LogHub hub = new LogHub();
        Sink sink = new Sink();
        LogPump pump = LogPump.live(hub, log, LogQuery.all(), size -> size, sink);
        pump.start();

        hub.publish(() -> append(List.of(entry("a\n", 10))));
        sink.budget = 0;
        hub.publish(() -> append(List.of(entry("b\n", 11))));
        hub.close();
        assertEquals(List.of("a\n"), sink.got);
        assertTrue(!sink.ended, "not ended while output is still unread");

        sink.budget = Integer.MAX_VALUE;
        pump.wake();
        assertEquals(List.of("a\n", "b\n"), sink.got);
        assertTrue(sink.ended);
        assertEquals(0, hub.subscriberCount());
    }

    @Test
    void live_closedHub_replaysThenEndsAtOnce() {
        K8sFileLog log = logWith(2);
        LogHub hub = new LogHub();
        hub.close();
        Sink sink = new Sink();

        LogPump.live(hub, log, LogQuery.all(), size -> log.tail(size, 1).offset(), sink).start();

        assertEquals(List.of("line 1\n"), sink.got);
        assertTrue(sink.ended);
    }

    @Test
    void until_entryAfterIt_endsTheStream() {
        K8sFileLog log = logWith(5);
        LogHub hub = new LogHub();
        Sink sink = new Sink();

        LogPump.live(hub, log, new LogQuery(true, true, 0, T0 + 2, -1), size -> 0, sink).start();

        assertEquals(List.of("line 0\n", "line 1\n", "line 2\n"), sink.got);
        assertTrue(sink.ended);
        assertEquals(0, hub.subscriberCount());
    }

    @Test
    void close_stopsWithoutEnd() {
        K8sFileLog log = logWith(1);
        LogHub hub = new LogHub();
        Sink sink = new Sink();
        LogPump pump = LogPump.live(hub, log, LogQuery.all(), size -> size, sink);
        pump.start();

        pump.close();
        hub.publish(() -> append(List.of(entry("late\n", 9))));
        hub.close();

        assertEquals(List.of(), sink.got);
        assertTrue(!sink.ended);
    }

    @Test
    void live_fileDeletedWhileTheClientIsBehind_stillDeliversEverything() throws Exception {
        K8sFileLog log = logWith(50_000);
        LogHub hub = new LogHub();
        Sink sink = new Sink();
        sink.budget = 1;
        LogPump pump = LogPump.live(hub, log, LogQuery.all(), size -> 0, sink);
        pump.start();

        java.nio.file.Files.delete(tmp.resolve("c-k8s.log"));
        hub.close();
        sink.budget = Integer.MAX_VALUE;
        pump.wake();

        assertEquals(50_000, sink.got.size());
        assertEquals("line 49999\n", sink.got.get(49_999));
        assertTrue(sink.ended);
    }

    @Test
    void k8sFileLog_binaryOutput_deliveredByteForByte() throws Exception {
        Path k8s = tmp.resolve("ctr.log");
        byte[] head = "2026-11-29T09:09:56.1Z stdout P ".getBytes(StandardCharsets.US_ASCII);
        byte[] bin = {0, 1, (byte) 0xff, (byte) 0xfe, (byte) 0xc3, 'x'};
        byte[] tail = "\n2026-11-29T09:09:56.2Z stdout F end\n".getBytes(StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.writeBytes(head);
        file.writeBytes(bin);
        file.writeBytes(tail);
        java.nio.file.Files.write(k8s, file.toByteArray());
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        LogHub hub = new LogHub();
        hub.close();

        LogPump.live(hub, new K8sFileLog(k8s, false), LogQuery.all(), size -> 0, new LogSubscriber() {
            @Override
            public void onEntry(LogEntry e) {
                got.writeBytes(e.data());
            }

            @Override
            public void onEnd() {
            }
        }).start();

        byte[] expected = new byte[bin.length + 4];
        System.arraycopy(bin, 0, expected, 0, bin.length);
        System.arraycopy("end\n".getBytes(StandardCharsets.US_ASCII), 0, expected, bin.length, 4);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, got.toByteArray());
    }
}
