package io.berth.engine.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ArchivePathTest {
    @Test
    void aFile_isItsDirectoryAndAnUnfollowedBase() {
        ArchivePath p = ArchivePath.of("/etc/passwd");
        assertEquals(new ArchivePath("/etc/passwd", "/etc/", "passwd", "passwd"), p);
        assertFalse(p.followsLast());
    }

    @Test
    void trailingSlashAndSlashDot_areKeptAndFollowTheLastElement() {
        ArchivePath slash = ArchivePath.of("/tmp/dir/");
        assertEquals(new ArchivePath("/tmp/dir/", "/tmp/dir/", "", "dir"), slash);
        assertTrue(slash.followsLast());
        ArchivePath dot = ArchivePath.of("tmp//dir/.");
        assertEquals(new ArchivePath("/tmp/dir/.", "/tmp/dir/", ".", "."), dot);
        assertTrue(dot.followsLast());
    }

    @Test
    void theRoot_isNamedSlash() {
        assertEquals(new ArchivePath("/", "/", "", "/"), ArchivePath.of("/"));
    }

    @Test
    void dotDot_neverClimbsAboveTheRoot() {
        assertEquals("/etc/shadow", ArchivePath.of("../../../etc/shadow").absPath());
        assertEquals("/x", ArchivePath.of("/a/../../x").absPath());
    }
}
