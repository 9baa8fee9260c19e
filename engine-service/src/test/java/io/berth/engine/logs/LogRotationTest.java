package io.berth.engine.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation of a container's log files, dockerd's names and order, with any max-file a Go int allows. */
class LogRotationTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void existingRotated_listsOnlyTheIndicesThereAre_withinMaxFile() throws Exception {
        Path log = file("c-k8s.log", "now\n");
        file("c-k8s.log.1", "a");
        file("c-k8s.log.3.gz", "b");
        file("c-k8s.log.10", "c");
        file("c-k8s.log.01", "not dockerd's name");
        file("c-k8s.log.x", "junk");
        file("c-k8s.log.99999999999", "past an int");
        file("c-k8s.log.1.gz.tmp", "a compression in progress");

        assertEquals(new TreeSet<>(List.of(1, 3, 10)), new LogFiles(log, Integer.MAX_VALUE, false, 1).existingRotated());
        assertEquals(new TreeSet<>(List.of(1)), new LogFiles(log, 3, false, 1).existingRotated(), "max-file 3: .1, .2");
        assertEquals(List.of(dir.resolve("c-k8s.log.10"), dir.resolve("c-k8s.log.3.gz"), dir.resolve("c-k8s.log.1")),
                new LogFiles(log, Integer.MAX_VALUE, false, 1).rotatedOldestFirst());
    }

    @Test
    void rotate_maxFileTwoToThe31_shiftsTheFilesThereAreAtOnce() throws Exception {
        Path log = file("c-k8s.log", "newest\n");
        file("c-k8s.log.1", "older\n");
        file("c-k8s.log.2", "oldest\n");
        LogFiles files = new LogFiles(log, Integer.MAX_VALUE, false, 1);

        // the old loop tried every index down from max-file - 2: about 2^32 stat calls per rotation
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> LogRotation.rotate(files, new Object(),
                () -> Files.writeString(log, "")));

        assertEquals("", Files.readString(log), "conmon's new file");
        assertEquals("newest\n", Files.readString(dir.resolve("c-k8s.log.1")));
        assertEquals("older\n", Files.readString(dir.resolve("c-k8s.log.2")));
        assertEquals("oldest\n", Files.readString(dir.resolve("c-k8s.log.3")));
    }

    @Test
    void rotate_maxFileThree_dropsTheOldest() throws Exception {
        Path log = file("c-k8s.log", "3\n");
        file("c-k8s.log.1", "2\n");
        file("c-k8s.log.2", "1\n");

        LogRotation.rotate(new LogFiles(log, 3, false, 1), new Object(), () -> Files.writeString(log, ""));

        assertEquals("3\n", Files.readString(dir.resolve("c-k8s.log.1")));
        assertEquals("2\n", Files.readString(dir.resolve("c-k8s.log.2")));
        assertEquals(List.of("c-k8s.log", "c-k8s.log.1", "c-k8s.log.2"),
                Files.list(dir).map(p -> p.getFileName().toString()).sorted().toList());
    }
}
