package io.berth.common.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.testing.DeepTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeRemoverTest {
    @TempDir
    Path dir;

    @Test
    void removesATreeFarDeeperThanPathMax() throws Exception {
        Path top = Files.createDirectory(dir.resolve("deep"));
        DeepTrees.nest(top, "d".repeat(200), 60, true); // about 12 000 bytes of path
        DeepTrees.nest(top, "x", 5000, false); // deeper than the levels held open, and than a Java stack would take
        TreeRemover.delete(top);
        assertFalse(Files.exists(top));
    }

    @Test
    void removesSingleFilesLinksAndMissingPaths() throws Exception {
        Path target = Files.writeString(dir.resolve("target"), "keep");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        TreeRemover.delete(link);
        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("keep", Files.readString(target));
        TreeRemover.delete(dir.resolve("missing/too"));
        TreeRemover.delete(target);
        assertFalse(Files.exists(target));
    }

    @Test
    void neverFollowsALinkToADirectory() throws Exception {
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Files.writeString(outside.resolve("precious"), "x");
        Path tree = Files.createDirectories(dir.resolve("tree/a"));
        Files.createSymbolicLink(tree.resolve("l"), outside);
        TreeRemover.delete(dir.resolve("tree"));
        assertFalse(Files.exists(dir.resolve("tree")));
        assertTrue(Files.exists(outside.resolve("precious")));
    }

    @Test
    void aWideDirectoryIsRemovedToo() throws Exception {
        Path tree = Files.createDirectory(dir.resolve("wide"));
        for (int i = 0; i < 2000; i++) {
            Files.createDirectory(tree.resolve("d" + i));
            Files.writeString(tree.resolve("d" + i + "/f"), "z");
        }
        TreeRemover.delete(tree);
        assertFalse(Files.exists(tree));
    }
}
