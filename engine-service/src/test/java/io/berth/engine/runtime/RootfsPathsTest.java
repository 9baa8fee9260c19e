package io.berth.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsPathsTest {
    @TempDir
    Path root;

    @Test
    void resolve_plainAndDotDotPaths_stayUnderRoot() throws Exception {
        assertEquals(root.resolve("etc/passwd"), RootfsPaths.resolve(root, "/etc/passwd"));
        assertEquals(root.resolve("etc"), RootfsPaths.resolve(root, "/../../etc/./x/.."));
        assertEquals(root, RootfsPaths.resolve(root, "/"));
    }

    @Test
    void resolve_absoluteAndRelativeSymlinks_resolvedInsideRoot() throws Exception {
        Files.createDirectories(root.resolve("real/dir"));
        Files.createSymbolicLink(root.resolve("abs"), Path.of("/real"));
        Files.createSymbolicLink(root.resolve("real/up"), Path.of("../../../../real/dir"));

        assertEquals(root.resolve("real/dir/f"), RootfsPaths.resolve(root, "/abs/dir/f"));
        assertEquals(root.resolve("real/dir"), RootfsPaths.resolve(root, "/abs/up"));
    }

    @Test
    void resolve_symlinkToHostPath_isReRooted() throws Exception {
        Files.createSymbolicLink(root.resolve("etc"), Path.of("/var/lib/host-etc"));

        assertEquals(root.resolve("var/lib/host-etc/shadow"), RootfsPaths.resolve(root, "/etc/shadow"));
    }

    @Test
    void resolve_symlinkLoop_throws() throws Exception {
        Files.createSymbolicLink(root.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("a"));

        assertThrows(IOException.class, () -> RootfsPaths.resolve(root, "/a/x"));
    }
}
