package io.berth.engine.daemon;

import io.berth.engine.config.EngineConfig;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The engine's parent cgroup ({@code --cgroup-parent}, default /berth) in every cgroup hierarchy under
 * /sys/fs/cgroup. runc creates {@code <parent>/<id>} per container and removes only the leaf on delete;
 * the engine removes the parent itself when it stops and the parent is empty (rmdir of a cgroup with
 * children or processes fails with EBUSY, so nothing in use is touched).
 */
public final class CgroupParent {
    private static final Logger LOG = LogManager.getLogger(CgroupParent.class);

    private CgroupParent() {
    }

    /**
     * Removes the parent cgroup directory, and its ancestors named in the parent path, where empty.
     *
     * @param config the cgroup parent
     * @param cgroupRoot the cgroup mount root, /sys/fs/cgroup
     */
    public static void removeIfEmpty(EngineConfig config, Path cgroupRoot) {
        if ("/".equals(config.cgroupParent()) || !Files.isDirectory(cgroupRoot)) {
            return;
        }
        try (DirectoryStream<Path> hierarchies = Files.newDirectoryStream(cgroupRoot)) {
            for (Path h : hierarchies) {
                Path dir = h.resolve(config.cgroupParent().substring(1));
                while (!dir.equals(h) && Files.isDirectory(dir)) {
                    try {
                        Files.delete(dir);
                    } catch (IOException e) {
                        LOG.debug("cgroup {} kept: {}", dir, e.toString());
                        break;
                    }
                    dir = dir.getParent();
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", cgroupRoot, e.toString());
        }
    }
}
