package io.berth.common.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Docker's storage driver names as berth accepts or refuses them, shared by berthd's {@code --storage-driver}
 * check and storage-service's driver choice so both say the same: {@link #SUPPORTED} ones run; dockerd's
 * others are refused with the reason ({@link #refusal}).
 */
public final class StorageDriverNames {
    /** The drivers berth has, default first. */
    public static final List<String> SUPPORTED = List.of("overlay2", "vfs", "btrfs");

    private static final Map<String, String> REFUSED = Map.of(
            "devicemapper", "it is deprecated in Docker itself (deprecated in 18.09, removed in 25.0) and needs "
                    + "an LVM thin pool; use overlay2",
            "aufs", "aufs is not in this kernel (it was never merged into Linux) and is deprecated in Docker "
                    + "itself (removed in 24.0); use overlay2",
            "zfs", "zfs is not in this kernel (an out-of-tree module Debian's kernel does not ship); use "
                    + "overlay2, or btrfs for copy-on-write snapshots",
            "overlay", "the legacy overlay driver is deprecated in Docker itself (removed in 24.0); use overlay2");

    private StorageDriverNames() {
    }

    /**
     * @param name a {@code --storage-driver} value
     * @return why berth refuses it, if it is one of dockerd's drivers berth does not have; empty for a
     *     supported or an unknown name
     */
    public static Optional<String> refusal(String name) {
        String reason = REFUSED.get(name);
        if (reason == null) {
            return Optional.empty();
        }
        if ((name.equals("aufs") || name.equals("zfs")) && kernelHas(name)) {
            reason = "berth does not implement it; use overlay2";
        }
        return Optional.of("storage driver " + name + " is not supported: " + reason);
    }

    /**
     * @param name a {@code --storage-driver} value
     * @return the error for a name berth cannot run, or empty if it is supported
     */
    public static Optional<String> check(String name) {
        if (SUPPORTED.contains(name)) {
            return Optional.empty();
        }
        return Optional.of(refusal(name).orElse("unknown storage driver " + name + " (supported: "
                + String.join(", ", SUPPORTED) + ")"));
    }

    /** @return the help text of {@code --storage-driver} */
    public static String help() {
        return "Storage driver: overlay2 (default), vfs, or btrfs (the data root must be on btrfs); "
                + "devicemapper, aufs, zfs and overlay are refused (deprecated in Docker or not in this kernel)";
    }

    private static boolean kernelHas(String fs) {
        try {
            return Files.readAllLines(Path.of("/proc/filesystems")).stream().anyMatch(l -> l.trim().endsWith(fs));
        } catch (IOException e) {
            return false;
        }
    }
}
