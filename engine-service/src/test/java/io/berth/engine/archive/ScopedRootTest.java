package io.berth.engine.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.sys.ErrnoException;
import io.berth.common.sys.Sys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolution inside a root with hostile links, on real files (openat2 needs no privileges). */
class ScopedRootTest {
    @TempDir
    Path root;

    private String read(ScopedRoot r, String path) throws Exception {
        int fd = r.openFollowing(path);
        try {
            return Files.readString(ScopedRoot.procPath(fd));
        } finally {
            Sys.close(fd);
        }
    }

    @Test
    void absoluteAndClimbingLinks_resolveInsideTheRoot() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/hostname"), "container-hostname");
        Files.createSymbolicLink(root.resolve("abs"), Path.of("/etc/hostname"));
        Files.createSymbolicLink(root.resolve("climb"), Path.of("../../../../../../etc/hostname"));
        Files.createSymbolicLink(root.resolve("rootlink"), Path.of("/"));
        try (ScopedRoot r = ScopedRoot.open(root)) {
            assertEquals("container-hostname", read(r, "/abs"));
            assertEquals("container-hostname", read(r, "climb"));
            assertEquals("container-hostname", read(r, "/rootlink/../../etc/hostname"));
            int fd = r.openFollowing("/climb");
            try {
                assertEquals("/etc/hostname", r.pathOf(fd));
            } finally {
                Sys.close(fd);
            }
        }
    }

    @Test
    void aLinkToAHostPathTheRootLacks_isMissingNotTheHostsFile() throws Exception {
        Files.createSymbolicLink(root.resolve("shadow"), Path.of("/etc/shadow"));
        try (ScopedRoot r = ScopedRoot.open(root)) {
            ErrnoException e = assertThrows(ErrnoException.class, () -> r.openFollowing("/shadow"));
            assertEquals(ErrnoException.ENOENT, e.errno());
        }
    }

    @Test
    void openChildDirectory_refusesALink() throws Exception {
        Files.createDirectories(root.resolve("real"));
        Files.createSymbolicLink(root.resolve("link"), Path.of("real"));
        try (ScopedRoot r = ScopedRoot.open(root)) {
            int fd = ScopedRoot.openChildDirectory(r.fd(), "real");
            Sys.close(fd);
            assertThrows(ErrnoException.class, () -> ScopedRoot.openChildDirectory(r.fd(), "link"));
        }
    }

    @Test
    void mkdirs_createsEachMissingComponentInsideTheRoot() throws Exception {
        Files.createSymbolicLink(root.resolve("esc"), Path.of("/"));
        try (ScopedRoot r = ScopedRoot.open(root)) {
            int fd = MountTargets.mkdirs(r.fd(), java.util.List.of("esc", "tmp", "made"));
            try {
                assertEquals("/tmp/made", r.pathOf(fd));
            } finally {
                Sys.close(fd);
            }
        }
        assertEquals(true, Files.isDirectory(root.resolve("tmp/made")));
    }
}
