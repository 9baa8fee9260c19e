package io.berth.engine.archive;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.NotFoundException;
import io.berth.common.sys.ErrnoException;
import io.berth.common.sys.LibC;
import io.berth.common.sys.Sys;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.runtime.ContainerMounts;
import io.berth.engine.runtime.RootfsMounter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Opens a container's filesystem as {@code docker cp} sees it (moby daemon/archive.go mounts the container
 * and its volumes for each call):
 * <ul>
 *   <li>a running container: {@code /proc/<pid>/root} of its process, i.e. its own mount namespace with
 *       its bind mounts and tmpfs mounts, nothing mounted by the engine;</li>
 *   <li>a created or stopped one: with its lock held (start, stop and removal wait), its snapshot is
 *       mounted on a private directory {@code <exec-root>/archive/<id>-<n>} and its bind mounts on top, each
 *       target resolved inside that root (created if missing, as runc would); closing unmounts the whole
 *       tree and removes the directory.</li>
 * </ul>
 */
@Singleton
public class ContainerRoots {
    private static final Logger LOG = LogManager.getLogger(ContainerRoots.class);
    private static final long MS_REMOUNT = 32L;

    private final EngineConfig config;
    private final RootfsMounter mounter;
    private final AtomicLong sequence = new AtomicLong();

    /**
     * @param config the exec root
     * @param mounter the rootfs mounts
     */
    @Inject
    public ContainerRoots(EngineConfig config, RootfsMounter mounter) {
        this.config = config;
        this.mounter = mounter;
    }

    /**
     * @param c the container
     * @return its filesystem; the caller closes it on this thread
     * @throws NotFoundException "No such container: <id>" if it was removed meanwhile (docker rm racing a copy)
     * @throws InternalException if it cannot be opened or mounted
     */
    public OpenRoot open(Container c) {
        ContainerRecord r = c.record();
        if (r.state().isRunning()) {
            OpenRoot running = openRunning(c, r);
            if (running != null) {
                return running;
            }
        }
        c.lock().lock();
        try {
            r = c.record();
            if (c.removedFuture().isDone()) {
                throw gone(r);
            }
            if (r.state().isRunning()) {
                OpenRoot running = openRunning(c, r);
                if (running != null) {
                    c.lock().unlock();
                    return running;
                }
            }
            return openStopped(c, r);
        } catch (RuntimeException e) {
            c.lock().unlock();
            throw e;
        }
    }

    private static OpenRoot openRunning(Container c, ContainerRecord r) {
        int pid = r.state().pid();
        ScopedRoot root;
        try {
            root = ScopedRoot.open(Path.of("/proc/" + pid + "/root"));
        } catch (ErrnoException e) {
            LOG.debug("container {} has no process {} any more: {}", r.id(), pid, e.getMessage());
            return null;
        }
        ContainerRecord now = c.record();
        if (!now.state().isRunning() || now.state().pid() != pid) {
            root.close();
            return null;
        }
        return new OpenRoot(root, r, List.of());
    }

    private OpenRoot openStopped(Container c, ContainerRecord r) {
        Path dir = config.execRoot().resolve("archive").resolve(r.id() + "-" + sequence.incrementAndGet());
        List<Runnable> undo = new ArrayList<>();
        undo.add(() -> c.lock().unlock());
        ScopedRoot root = null;
        try {
            Files.createDirectories(dir);
            undo.add(0, () -> removeDirectory(dir));
            mounter.mount(r.rootfsMounts(), dir);
            undo.add(0, () -> mounter.unmount(dir));
            makePrivate(dir);
            root = ScopedRoot.open(dir);
            mountBinds(root, r);
            return new OpenRoot(root, r, undo);
        } catch (IOException | RuntimeException e) {
            if (root != null) {
                root.close();
            }
            for (Runnable u : undo.subList(0, undo.size() - 1)) {
                u.run();
            }
            if (c.isRemoving() || c.removedFuture().isDone()) {
                throw gone(r); // removed concurrently (its snapshot went before the lock was ours): a 404
            }
            throw new InternalException("cannot mount the filesystem of container " + r.id() + ": "
                    + e.getMessage(), e);
        }
    }

    private static NotFoundException gone(ContainerRecord r) {
        return new NotFoundException("No such container: " + r.id());
    }

    /**
     * Unmounts and removes what a previous engine, killed during a copy from a stopped container, left in
     * {@code <exec-root>/archive}: each {@code <id>-<n>} directory is detached (MNT_DETACH, its bind mounts
     * with it) until it is no mount point, then removed. Call once at start, before any copy.
     */
    public void deleteLeftovers() {
        Path archive = config.execRoot().resolve("archive");
        if (!Files.isDirectory(archive, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var dirs = Files.list(archive)) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                for (int i = 0; i < 16; i++) {
                    try {
                        Sys.unmount(dir, true);
                    } catch (IOException notMounted) {
                        break; // EINVAL: no (more) mount on it
                    }
                }
                removeDirectory(dir);
            }
        } catch (IOException e) {
            LOG.warn("cannot sweep {}: {}", archive, e.toString());
        }
    }

    private static void makePrivate(Path dir) throws IOException {
        try {
            LibC.INSTANCE.mount(null, dir.toString(), null, new NativeLong(LibC.MS_PRIVATE | LibC.MS_REC), null);
        } catch (LastErrorException e) {
            throw new IOException("make " + dir + " private: errno " + e.getErrorCode(), e);
        }
    }

    /** Bind mounts of the container on the private root, parents first (moby sorts mounts the same way). */
    private static void mountBinds(ScopedRoot root, ContainerRecord r) throws IOException {
        List<ContainerMounts.SpecMount> binds = new ArrayList<>(ContainerMounts.of(r).stream()
                .filter(m -> m.type().equals("bind")).toList());
        binds.sort(Comparator.comparingInt(ContainerMounts.SpecMount::depth));
        for (ContainerMounts.SpecMount m : binds) {
            Path source = Path.of(m.source());
            if (!Files.exists(source)) {
                continue;
            }
            int target = MountTargets.open(root, m.destination(), Files.isDirectory(source));
            try {
                Sys.mount("bind", m.source(), ScopedRoot.procPath(target),
                        List.of(m.options().contains("bind") ? "bind" : "rbind"));
            } finally {
                Sys.close(target);
            }
            if (m.options().contains("ro")) {
                int mounted = root.openFollowing(m.destination());
                try {
                    LibC.INSTANCE.mount(null, ScopedRoot.procPath(mounted).toString(), null,
                            new NativeLong(LibC.MS_BIND | LibC.MS_RDONLY | MS_REMOUNT), null);
                } catch (LastErrorException e) {
                    throw new IOException("remount " + m.destination() + " read-only: errno " + e.getErrorCode(), e);
                } finally {
                    Sys.close(mounted);
                }
            }
        }
    }

    private static void removeDirectory(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", dir, e.toString());
        }
    }
}
