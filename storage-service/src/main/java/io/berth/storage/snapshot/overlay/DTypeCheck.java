package io.berth.storage.snapshot.overlay;

import io.berth.common.sys.LibC;
import io.berth.common.sys.Sys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Whether a filesystem fills in readdir's d_type, which overlayfs needs to tell whiteouts from files (Docker's
 * DriverStatus "Supports d_type"). Checked as dockerd's overlay2 driver checks it (containerd continuity's
 * {@code fs.SupportsDType}): list the directory with readdir(3), creating a dummy file first if it is empty so
 * that there is an entry to look at, and report false if any entry's d_type is DT_UNKNOWN.
 */
public final class DTypeCheck {
    private DTypeCheck() {
    }

    /**
     * @param dir an existing directory on the filesystem to check (the driver root)
     * @return true if every entry has a d_type
     * @throws IOException if the directory cannot be listed or the dummy file created
     */
    public static boolean supportsDType(Path dir) throws IOException {
        Path dummy = null;
        try (Stream<Path> children = Files.list(dir)) {
            if (children.findAny().isEmpty()) {
                dummy = Files.createTempFile(dir, "fsutils-dummy", "");
            }
        }
        try {
            return !Sys.direntTypes(dir).containsValue(LibC.DT_UNKNOWN);
        } finally {
            if (dummy != null) {
                Files.deleteIfExists(dummy);
            }
        }
    }
}
