package io.berth.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.engine.config.EngineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupParentTest {
    @TempDir
    Path root;

    private static EngineConfig config(String parent) {
        return new EngineConfig(Path.of("/d"), Path.of("/e"), parent, Path.of("/r"), Path.of("/c"));
    }

    @Test
    void removeIfEmpty_emptyParentsRemoved_busyOnesAndOtherCgroupsKept() throws Exception {
        Files.createDirectories(root.resolve("cpu/org/berth"));
        Files.createDirectories(root.resolve("pids/org/berth/abc"));
        Files.createDirectories(root.resolve("memory/other"));

        CgroupParent.removeIfEmpty(config("/org/berth"), root);

        assertFalse(Files.exists(root.resolve("cpu/org")));
        assertTrue(Files.exists(root.resolve("pids/org/berth/abc")));
        assertTrue(Files.exists(root.resolve("memory/other")));
        assertTrue(Files.exists(root.resolve("cpu")));
    }

    @Test
    void removeIfEmpty_rootParent_touchesNothing() throws Exception {
        Files.createDirectories(root.resolve("cpu"));

        CgroupParent.removeIfEmpty(config("/"), root);

        assertTrue(Files.exists(root.resolve("cpu")));
    }
}
