package io.berth.engine.config;

import io.berth.common.fs.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A container's OCI bundle directory, {@code <exec-root>/containers/<id>/} (OCI runtime spec, bundle.md):
 * {@code config.json} and the {@code rootfs} mount point, plus conmon's files for the current run: the
 * container pid file and conmon's own pid file (the output goes to the data root, never here).
 *
 * @param dir the bundle directory
 */
public record Bundle(Path dir) {
    /** @return the runtime spec, {@code config.json} */
    public Path configJson() {
        return dir.resolve("config.json");
    }

    /** @return the root filesystem mount point */
    public Path rootfs() {
        return dir.resolve("rootfs");
    }

    /**
     * @return the host-side /dev/shm of a container with IpcMode "shareable": a tmpfs mounted here at start
     *     (so that containers joining its IPC namespace can bind the same one) and unmounted at its cleanup
     */
    public Path shm() {
        return dir.resolve("shm");
    }

    /** @return the container init pid file (conmon {@code -p}) */
    public Path pidFile() {
        return dir.resolve("pidfile");
    }

    /** @return conmon's pid file ({@code --conmon-pidfile}) */
    public Path conmonPidFile() {
        return dir.resolve("conmon.pid");
    }

    /** @return where conmon's stderr goes (its diagnostics) */
    public Path conmonStderr() {
        return dir.resolve("conmon.stderr");
    }

    /**
     * Creates the directory and the rootfs mount point, and removes the files of a previous run.
     *
     * @throws IOException if the directory cannot be prepared
     */
    public void prepareForRun() throws IOException {
        // Root's alone (0700), so the mounted rootfs and config.json's Env are out of other users' reach.
        io.berth.common.fs.PrivateDirs.create(dir);
        Files.createDirectories(rootfs());
        for (Path p : new Path[] {configJson(), pidFile(), conmonPidFile()}) {
            Files.deleteIfExists(p);
        }
    }

    /**
     * Deletes the bundle directory. The caller has unmounted the rootfs.
     *
     * @throws IOException if it cannot be deleted
     */
    public void delete() throws IOException {
        AtomicFiles.deleteTree(dir);
    }
}
