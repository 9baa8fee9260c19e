package io.berth.engine.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFileLogTest {
    private static final long T0 = 1_800_000_000_000_000_000L;

    @TempDir
    Path tmp;

    private JsonFileLog log;

    private static LogEntry e(LogStream s, String text, long t) {
        return new LogEntry(s, text.getBytes(StandardCharsets.UTF_8), T0 + t);
    }

    @BeforeEach
    void setUp() {
        log = new JsonFileLog(tmp.resolve("x-json.log"));
        log.append(List.of(e(LogStream.STDOUT, "line0\n", 0), e(LogStream.STDERR, "err0\n", 10),
                e(LogStream.STDOUT, "line1\n", 20), e(LogStream.STDERR, "err1\n", 30), e(LogStream.STDOUT, "part", 40)));
    }

    private List<String> read(LogQuery q) {
        return log.read(q).stream().map(x -> new String(x.data(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void append_writesDockersJsonFileLines() throws Exception {
        List<String> lines = Files.readAllLines(log.file());

        assertEquals(5, lines.size());
        assertEquals("{\"log\":\"line0\\n\",\"stream\":\"stdout\",\"time\":\"2027-01-15T08:00:00Z\"}", lines.get(0));
        assertEquals("{\"log\":\"err0\\n\",\"stream\":\"stderr\",\"time\":\"2027-01-15T08:00:00.00000001Z\"}",
                lines.get(1));
        assertEquals("{\"log\":\"part\",\"stream\":\"stdout\",\"time\":\"2027-01-15T08:00:00.00000004Z\"}",
                lines.get(4));
    }

    @Test
    void encode_htmlCharactersAndControls_escapedLikeGo() {
        String line = new String(JsonLogCodec.encode(e(LogStream.STDOUT, "<a href=\"x\">&\t\u2028é\n", 0)),
                StandardCharsets.UTF_8);

        assertEquals("{\"log\":\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\t\\u2028é\\n\",\"stream\":\"stdout\","
                + "\"time\":\"2027-01-15T08:00:00Z\"}\n", line);
        assertEquals("<a href=\"x\">&\t\u2028é\n", new String(JsonLogCodec.decode(line).orElseThrow().data(),
                StandardCharsets.UTF_8));
    }

    @Test
    void read_all_roundTripsEveryEntry() {
        assertEquals(List.of("line0\n", "err0\n", "line1\n", "err1\n", "part"), read(LogQuery.all()));
        assertEquals(T0 + 30, log.read(LogQuery.all()).get(3).timeNano());
    }

    @Test
    void read_streamSelection_filtersStreams() {
        assertEquals(List.of("line0\n", "line1\n", "part"), read(new LogQuery(true, false, 0, 0, -1)));
        assertEquals(List.of("err0\n", "err1\n"), read(new LogQuery(false, true, 0, 0, -1)));
    }

    @Test
    void read_tail_countsBothStreamsBeforeSelecting() {
        assertEquals(List.of("err1\n", "part"), read(new LogQuery(true, true, 0, 0, 2)));
        assertEquals(List.of("part"), read(new LogQuery(true, false, 0, 0, 2)));
        assertEquals(List.of(), read(new LogQuery(true, true, 0, 0, 0)));
        assertEquals(5, read(new LogQuery(true, true, 0, 0, 100)).size());
    }

    @Test
    void read_sinceAndUntil_areInclusiveBounds() {
        assertEquals(List.of("line1\n", "err1\n", "part"), read(new LogQuery(true, true, T0 + 20, 0, -1)));
        assertEquals(List.of("line0\n", "err0\n", "line1\n"), read(new LogQuery(true, true, 0, T0 + 20, -1)));
        assertEquals(List.of("err0\n", "line1\n"), read(new LogQuery(true, true, T0 + 10, T0 + 20, -1)));
    }

    @Test
    void read_malformedLinesAndMissingFile_areSkipped() throws Exception {
        Files.writeString(log.file(), "garbage\n{\"log\":1}\n", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(5, read(LogQuery.all()).size());
        assertEquals(List.of(), new JsonFileLog(tmp.resolve("none.log")).read(LogQuery.all()));
    }

    @Test
    void readFrom_smallChunks_returnCompleteLinesAndContinueWhereTheyStopped() {
        List<String> got = new java.util.ArrayList<>();
        long offset = 0;
        long size = log.size();
        while (offset < size) {
            JsonFileLog.Chunk c = log.readFrom(offset, size, 100);
            c.entries().forEach(x -> got.add(new String(x.data(), StandardCharsets.UTF_8)));
            assertTrue(c.nextOffset() > offset, "progress at " + offset);
            offset = c.nextOffset();
        }
        assertEquals(List.of("line0\n", "err0\n", "line1\n", "err1\n", "part"), got);
    }

    @Test
    void readFrom_lineBeingAppended_isLeftForLater() throws Exception {
        long size = log.size();
        Files.writeString(log.file(), "{\"log\":\"half", java.nio.file.StandardOpenOption.APPEND);

        JsonFileLog.Chunk c = log.readFrom(size, Long.MAX_VALUE, 1024);

        assertEquals(List.of(), c.entries());
        assertEquals(size, c.nextOffset());
        assertEquals(new JsonFileLog.Chunk(List.of(), 0), new JsonFileLog(tmp.resolve("none.log"))
                .readFrom(0, Long.MAX_VALUE, 1024));
    }

    @Test
    void tailStart_countsLinesBackFromTheEnd() {
        long size = log.size();
        JsonFileLog.Chunk lastTwo = log.readFrom(log.tailStart(size, 2), size, 4096);

        assertEquals(List.of("err1\n", "part"), lastTwo.entries().stream()
                .map(x -> new String(x.data(), StandardCharsets.UTF_8)).toList());
        assertEquals(0, log.tailStart(size, 5));
        assertEquals(0, log.tailStart(size, 100));
        assertEquals(0, log.tailStart(size, -1));
        assertEquals(size, log.tailStart(size, 0));
    }
}
