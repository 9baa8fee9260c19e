package io.berth.storage.snapshot.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DTypeCheckTest {
    @TempDir
    Path dir;

    @Test
    void supportsDType_onTheBuildDisk_isTrue_andAnEmptyDirIsLeftEmpty() throws IOException {
        // The build machine's temp directory is on a filesystem that fills d_type (ext4, tmpfs, btrfs, xfs ftype=1).
        assertTrue(DTypeCheck.supportsDType(dir));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "the dummy file is removed");
        }
    }

    @Test
    void supportsDType_nonEmptyDir_readsItsEntries() throws IOException {
        Files.createDirectory(dir.resolve("snapshots"));
        Files.writeString(dir.resolve("metadata.json"), "{}");
        assertTrue(DTypeCheck.supportsDType(dir));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(2, left.count());
        }
    }

    @Test
    void supportsDType_missingDir_throws() {
        assertThrows(IOException.class, () -> DTypeCheck.supportsDType(dir.resolve("nope")));
    }
}
