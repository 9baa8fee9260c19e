package io.berth.storage.testing;

import io.berth.common.sys.Sys;
import io.berth.storage.snapshot.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Mounts a snapshot's mounts on a directory for a test and unmounts them on close (use in try-with-resources). */
public final class Mounted implements AutoCloseable {
    private final Path target;

    private Mounted(Path target) {
        this.target = target;
    }

    /**
     * @param mounts the snapshot's mounts (one mount, as berth's drivers return)
     * @param target an existing empty directory
     * @return the mounted tree
     * @throws IOException if mount(2) fails
     */
    public static Mounted mount(List<Mount> mounts, Path target) throws IOException {
        Files.createDirectories(target);
        for (Mount m : mounts) {
            Sys.mount(m.type(), m.source(), target, m.options());
        }
        return new Mounted(target);
    }

    /** @return the mount point */
    public Path root() {
        return target;
    }

    @Override
    public void close() throws IOException {
        Sys.unmount(target, false);
    }
}
