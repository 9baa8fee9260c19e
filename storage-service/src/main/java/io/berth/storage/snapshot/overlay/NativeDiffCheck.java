package io.berth.storage.snapshot.overlay;

import io.berth.common.fs.AtomicFiles;
import io.berth.common.sys.Sys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Whether a layer's changes can be read straight from an overlay upper directory (Docker's DriverStatus
 * "Native Overlay Diff"), probed as dockerd's overlay2 driver probes it: in a scratch directory under the
 * driver root, mount an overlay of lower l2 (whose {@code d} is opaque) over l1 with upper l3, then
 * <ol>
 *   <li>write {@code d/f} through the overlay: if the copied-up {@code l3/d} carries the opaque flag, the
 *       kernel has the opaque copy-up bug (fixed in 4.8) and native diff is off;</li>
 *   <li>rename {@code d1} to {@code d2}: EXDEV means the kernel does not redirect directories
 *       (CONFIG_OVERLAY_FS_REDIRECT_DIR off, the {@code redirect_dir} module parameter "N") and native diff
 *       is on; a rename that leaves {@code trusted.overlay.redirect="d1"} on {@code l3/d2} means redirects are
 *       on, and an upper directory then no longer shows what changed, so native diff is off.</li>
 * </ol>
 * Any failure (not root, no overlayfs, no trusted xattrs) also means off, as in dockerd, which logs the same
 * warning.
 */
public final class NativeDiffCheck {
    private static final Logger LOG = LogManager.getLogger(NativeDiffCheck.class);
    private static final String OPAQUE = "trusted.overlay.opaque";
    private static final String REDIRECT = "trusted.overlay.redirect";

    private NativeDiffCheck() {
    }

    /**
     * @param driverRoot the driver root; a scratch directory is made and removed in it
     * @return true if native diff works on this kernel and filesystem
     */
    public static boolean supportsNativeDiff(Path driverRoot) {
        try {
            probe(driverRoot);
            return true;
        } catch (IOException | RuntimeException e) {
            // A FileSystemException's message is only the path: name the failure too.
            String reason = e instanceof FileSystemException ? e.toString() : e.getMessage();
            LOG.warn("Not using native diff for overlay2, this may cause degraded performance for building images: {}",
                    reason);
            return false;
        }
    }

    /** Returns normally if native diff works; otherwise throws with the reason. */
    private static void probe(Path driverRoot) throws IOException {
        Path td = Files.createTempDirectory(driverRoot, "opaque-bug-check");
        try {
            Files.createDirectories(td.resolve("l1/d"));
            Files.createDirectories(td.resolve("l1/d1"));
            Files.createDirectories(td.resolve("l2/d"));
            Files.createDirectory(td.resolve("l3"));
            Files.createDirectory(td.resolve("work"));
            Path merged = Files.createDirectory(td.resolve("merged"));
            Sys.setXattr(td.resolve("l2/d"), OPAQUE, "y".getBytes(StandardCharsets.UTF_8));
            Sys.mount("overlay", "overlay", merged, List.of("lowerdir=" + td.resolve("l2") + ":" + td.resolve("l1"),
                    "upperdir=" + td.resolve("l3"), "workdir=" + td.resolve("work")));
            try {
                Files.writeString(merged.resolve("d/f"), "");
                if ("y".equals(Sys.getXattr(td.resolve("l3/d"), OPAQUE))) {
                    throw new IOException("opaque flag erroneously copied up, consider updating to kernel 4.8 or "
                            + "later to fix");
                }
                try {
                    Files.move(merged.resolve("d1"), merged.resolve("d2"), StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException exdev) {
                    return; // EXDEV: directories are not redirected
                }
                if ("d1".equals(Sys.getXattr(td.resolve("l3/d2"), REDIRECT))) {
                    throw new IOException("kernel has CONFIG_OVERLAY_FS_REDIRECT_DIR enabled");
                }
            } finally {
                Sys.unmount(merged, false);
            }
        } finally {
            try {
                AtomicFiles.deleteTree(td);
            } catch (IOException e) {
                LOG.warn("Failed to remove check directory {}: {}", td, e.getMessage());
            }
        }
    }
}
