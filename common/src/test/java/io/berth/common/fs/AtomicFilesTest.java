package io.berth.common.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void write_replacesContentAndLeavesNoTempFile() throws Exception {
        Path f = dir.resolve("sub/record.json");
        AtomicFiles.write(f, "one".getBytes());
        AtomicFiles.write(f, "two".getBytes());
        AtomicFiles.writeUnsynced(f, "three".getBytes());
        assertArrayEquals("three".getBytes(), Files.readAllBytes(f));
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertEquals(List.of(f), s.toList());
        }
    }

    @Test
    void deleteTree_removesEverythingButNeverFollowsSymlinks() throws Exception {
        Path outside = Files.writeString(dir.resolve("keep"), "x");
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("a/b"));
        Files.writeString(tree.resolve("a/b/f"), "y");
        Files.createSymbolicLink(tree.resolve("a/link"), outside);
        AtomicFiles.deleteTree(tree);
        assertFalse(Files.exists(tree));
        assertEquals("x", Files.readString(outside));
        AtomicFiles.deleteTree(tree);
    }

    @Test
    void deleteTree_toleratesEntriesThatAnotherProcessDeletesMeanwhile() throws Exception {
        // conmon deletes an exec's attach socket while the engine deletes the exec's directory
        for (int round = 0; round < 20; round++) {
            Path tree = dir.resolve("race" + round);
            Files.createDirectories(tree);
            for (int i = 0; i < 2000; i++) {
                Files.createDirectory(tree.resolve("d" + i));
            }
            Thread other = new Thread(() -> {
                for (int i = 1999; i >= 0; i--) {
                    try {
                        Files.deleteIfExists(tree.resolve("d" + i));
                    } catch (java.io.IOException ignored) {
                        // the tree's own deletion got there first
                    }
                }
            });
            other.start();
            AtomicFiles.deleteTree(tree);
            other.join();
            assertFalse(Files.exists(tree));
        }
    }
}
