package io.berth.storage.snapshot.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.berth.common.sys.Sys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe against the real kernel (root only: it mounts an overlay and sets trusted.* xattrs). */
class NativeDiffCheckTest {
    @TempDir
    Path dir;

    @Test
    void supportsNativeDiff_matchesTheKernelsRedirectDirSetting_andCleansUp() throws IOException {
        assumeTrue(Sys.isRoot(), "needs root to mount overlayfs");
        Path param = Path.of("/sys/module/overlay/parameters/redirect_dir");
        assumeTrue(Files.isReadable(param), "overlay module parameters not readable");
        // redirect_dir=N: a directory rename through the overlay fails with EXDEV, so upper dirs are plain diffs.
        boolean redirects = Files.readString(param).trim().equals("Y");

        assertEquals(!redirects, NativeDiffCheck.supportsNativeDiff(dir));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "the scratch directory is removed");
        }
    }

    @Test
    void supportsNativeDiff_whenTheProbeCannotRun_isFalse() {
        assertFalse(NativeDiffCheck.supportsNativeDiff(dir.resolve("missing")));
    }
}
