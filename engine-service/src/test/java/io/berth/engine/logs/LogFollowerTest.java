package io.berth.engine.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFollowerTest {
    @TempDir
    Path tmp;

    private final List<String> live = new ArrayList<>();

    private Path k8s() {
        return tmp.resolve("ctr.log");
    }

    private LogFollower follower(LogHub hub) {
        return new LogFollower(k8s(), tmp.resolve("ctr.log.offset"), new JsonFileLog(tmp.resolve("j.log")), hub);
    }

    private void write(String s) throws Exception {
        Files.writeString(k8s(), s, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private List<String> jsonTexts() {
        return new JsonFileLog(tmp.resolve("j.log")).read(LogQuery.all()).stream()
                .map(e -> e.stream().wireName() + ":" + new String(e.data(), StandardCharsets.UTF_8)).toList();
    }

    private LogHub recordingHub() {
        LogHub hub = new LogHub();
        hub.subscribe(new LogHub.Listener() {
            @Override
            public void onAppended() {
                live.add("appended, file has " + jsonTexts().size());
            }

            @Override
            public void onClosed() {
                live.add("<end>");
            }
        }, () -> { });
        return hub;
    }

    @Test
    void poll_fullAndPartialEntries_convertedToJsonFileThenListenersTold() throws Exception {
        LogFollower f = follower(recordingHub());
        write("2026-11-29T09:09:56.1Z stdout F out\n"
                + "2026-11-29T09:09:56.2Z stderr F err\n"
                + "2026-11-29T09:09:56.3Z stdout P long li\n"
                + "2026-11-29T09:09:56.4Z stdout F ne\n");

        assertEquals(4, f.poll());

        assertEquals(List.of("stdout:out\n", "stderr:err\n", "stdout:long li", "stdout:ne\n"), jsonTexts());
        assertEquals(List.of("appended, file has 4"), live);
    }

    @Test
    void poll_incompleteTrailingLine_waitsForItsNewline() throws Exception {
        LogFollower f = follower(recordingHub());
        write("2026-11-29T09:09:56.1Z stdout F one\n2026-11-29T09:09:56.2Z stdout F tw");

        f.poll();
        assertEquals(List.of("stdout:one\n"), jsonTexts());

        write("o\n");
        f.poll();
        assertEquals(List.of("stdout:one\n", "stdout:two\n"), jsonTexts());
    }

    @Test
    void newFollower_resumesAtSavedOffset_withoutDuplicates() throws Exception {
        write("2026-11-29T09:09:56.1Z stdout F a\n");
        follower(new LogHub()).poll();
        write("2026-11-29T09:09:56.2Z stdout F b\n");

        LogFollower second = follower(new LogHub());
        second.poll();

        assertEquals(List.of("stdout:a\n", "stdout:b\n"), jsonTexts());
        assertEquals(Files.size(k8s()), second.offset());
    }

    @Test
    void poll_missingFileOrNothingNew_isNoop() throws Exception {
        LogFollower f = follower(new LogHub());
        assertEquals(0, f.poll());
        write("2026-11-29T09:09:56.1Z stdout F a\n");
        f.poll();
        assertEquals(0, f.poll());
        assertTrue(Files.exists(tmp.resolve("ctr.log.offset")));
    }
}
