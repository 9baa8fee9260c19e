package io.berth.storage.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Names the filesystem under a driver root the way Docker's DriverStatus "Backing Filesystem" does. */
public final class BackingFilesystem {
    private BackingFilesystem() {
    }

    /**
     * @param dir a directory on the filesystem
     * @return Docker's name for it: "extfs" for ext2/3/4, otherwise the kernel's type ("xfs", "btrfs",
     *     "tmpfs", ...), or "unknown"
     */
    public static String of(Path dir) {
        try {
            String type = Files.getFileStore(dir).type();
            return type.startsWith("ext") ? "extfs" : type;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
