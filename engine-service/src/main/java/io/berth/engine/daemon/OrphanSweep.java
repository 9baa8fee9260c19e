package io.berth.engine.daemon;

import io.berth.common.fs.AtomicFiles;
import io.berth.engine.client.SnapshotClient;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerIds;
import io.berth.engine.container.ContainerRecordFiles;
import io.berth.engine.network.ContainerNetworks;
import io.berth.engine.runtime.HostProcesses;
import io.berth.engine.runtime.RootfsMounter;
import io.berth.engine.runtime.RuntimeCleanup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Removes, at the engine's start and before it serves, whatever a crash left that belongs to no container
 * record (a create or removal cut short between two steps, a start cut short before its record said
 * "running"), so that nothing stays that no API call can see:
 * <ol>
 *   <li>conmon monitors of this exec root and processes in a container cgroup ({@code <cgroup-parent>/<id>},
 *       a stray {@code runc init} included) of a container that is not running by its record: SIGKILL. Only
 *       IDs this engine's roots know (a record, a bundle, a runc state, a conmon of this exec root) are
 *       touched, since another daemon may use the same cgroup parent;</li>
 *   <li>bundles ({@code <exec-root>/containers/<id>}) and runc states ({@code <exec-root>/runc/<id>}) of no
 *       record: unmounted (rootfs, /dev/shm), {@code runc delete --force}, deleted;</li>
 *   <li>{@code <exec-root>/prefill/*} (a create's volume pre-fill): unmounted and deleted;</li>
 *   <li>container directories in the data root without a record file, exit files and attach socket links
 *       of no record: deleted;</li>
 *   <li>cgroups {@code <cgroup-parent>/<id>} of a container that is not running: removed (rmdir);</li>
 *   <li>active snapshots keyed by a container ID that has no record: removed through the storage service
 *       (waiting for it up to a minute; skipped with a warning if it does not answer);</li>
 *   <li>networks of containers that are not running (an endpoint record or a network namespace file a killed
 *       engine left): CNI DEL from the records, then the namespace ({@link ContainerNetworks#sweep}).</li>
 * </ol>
 * A record that cannot be read is skipped by the loader; its directory and snapshot are kept (never delete
 * what might be a container).
 */
@Singleton
public final class OrphanSweep {
    private static final Logger LOG = LogManager.getLogger(OrphanSweep.class);
    private final EngineConfig config;
    private final RuntimeCleanup cleanup;
    private final RootfsMounter mounter;
    private final SnapshotClient snapshots;
    private final HostProcesses processes;
    private final Path cgroupRoot;
    private final ContainerNetworks networks;

    /**
     * @param config paths and the cgroup parent
     * @param cleanup runc state and mounts of a run
     * @param mounter mounts
     * @param snapshots the storage service's snapshots
     * @param networks the containers' networks
     */
    @Inject
    public OrphanSweep(EngineConfig config, RuntimeCleanup cleanup, RootfsMounter mounter, SnapshotClient snapshots,
                       ContainerNetworks networks) {
        this(config, cleanup, mounter, snapshots, new HostProcesses(Path.of("/proc")), Path.of("/sys/fs/cgroup"),
                networks);
    }

    OrphanSweep(EngineConfig config, RuntimeCleanup cleanup, RootfsMounter mounter, SnapshotClient snapshots,
                HostProcesses processes, Path cgroupRoot) {
        this(config, cleanup, mounter, snapshots, processes, cgroupRoot, null);
    }

    OrphanSweep(EngineConfig config, RuntimeCleanup cleanup, RootfsMounter mounter, SnapshotClient snapshots,
                HostProcesses processes, Path cgroupRoot, ContainerNetworks networks) {
        this.networks = networks;
        this.config = config;
        this.cleanup = cleanup;
        this.mounter = mounter;
        this.snapshots = snapshots;
        this.processes = processes;
        this.cgroupRoot = cgroupRoot;
    }

    /**
     * Sweeps. Never throws: each failure is logged and the rest goes on.
     *
     * @param containers every loaded container; those whose record says running (or paused) keep everything
     */
    public void run(Collection<Container> containers) {
        Set<String> known = containers.stream().map(Container::id).collect(Collectors.toSet());
        Set<String> running = containers.stream().filter(c -> c.record().state().isRunning()).map(Container::id)
                .collect(Collectors.toSet());
        Set<String> records = new java.util.HashSet<>(known);
        records.addAll(recordDirectories());
        // Only IDs this engine's roots know: another daemon may share the cgroup parent (never touch its containers).
        List<HostProcesses.Owned> conmons = processes.conmons(config.execRoot());
        Set<String> ours = new java.util.HashSet<>(records);
        ours.addAll(entries(config.bundlesDir()));
        ours.addAll(entries(config.runcRoot()));
        conmons.forEach(p -> ours.add(p.containerId()));
        Predicate<String> mayGo = id -> ours.contains(id) && !running.contains(id);
        killStrays(conmons, mayGo);
        for (String id : entries(config.bundlesDir())) {
            if (!records.contains(id)) {
                removeBundle(id);
            }
        }
        for (String id : entries(config.runcRoot())) {
            if (mayGo.test(id)) {
                cleanup.deleteRuncState(id);
            }
        }
        sweepPrefill();
        for (String id : entries(config.containersDir())) {
            if (!records.contains(id)) {
                deleteQuietly(config.containerDir(id), "container directory without a record");
            }
        }
        for (Path dir : List.of(config.exitDir(), config.socketDir())) {
            for (String id : entries(dir)) {
                if (!records.contains(id)) {
                    deleteQuietly(dir.resolve(id), "conmon file of no container");
                }
            }
        }
        removeCgroups(mayGo);
        removeSnapshots(records);
        if (networks != null) {
            networks.sweep(running);
        }
    }

    /** Container directories holding a record file, readable or not: never swept. */
    private List<String> recordDirectories() {
        return entries(config.containersDir()).stream()
                .filter(id -> Files.exists(config.containerDir(id).resolve(ContainerRecordFiles.RECORD_FILE)))
                .toList();
    }

    private void killStrays(List<HostProcesses.Owned> conmons, Predicate<String> mayGo) {
        List<HostProcesses.Owned> strays = new ArrayList<>();
        conmons.stream().filter(p -> mayGo.test(p.containerId())).forEach(strays::add);
        processes.inContainerCgroups(config.cgroupParent()).stream().filter(p -> mayGo.test(p.containerId()))
                .forEach(strays::add);
        for (HostProcesses.Owned p : strays) {
            HostProcesses.kill(p, "its container is not running by its record");
        }
        for (HostProcesses.Owned p : strays) {
            ProcessHandle.of(p.pid()).ifPresent(h -> h.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
                    .exceptionally(e -> null).join());
        }
    }

    private void removeBundle(String id) {
        LOG.warn("removing the bundle of {}, which has no record", id);
        cleanup.release(id);
        Path dir = config.bundle(id).dir();
        for (Path m : mounter.mountPointsUnder(dir)) {
            mounter.unmount(m);
        }
        if (mounter.mountPointsUnder(dir).isEmpty()) {
            deleteQuietly(dir, "bundle of no container");
        }
    }

    private void sweepPrefill() {
        Path prefill = config.execRoot().resolve("prefill");
        for (Path m : mounter.mountPointsUnder(prefill)) {
            mounter.unmount(m);
        }
        for (String id : entries(prefill)) {
            if (mounter.mountPointsUnder(prefill.resolve(id)).isEmpty() && !mounter.isMounted(prefill.resolve(id))) {
                deleteQuietly(prefill.resolve(id), "volume pre-fill mount point");
            }
        }
    }

    private void removeCgroups(Predicate<String> mayGo) {
        String parent = "/".equals(config.cgroupParent()) ? "" : config.cgroupParent().substring(1);
        if (parent.isEmpty() || !Files.isDirectory(cgroupRoot)) {
            return;
        }
        List<Path> parents = new ArrayList<>();
        findParents(cgroupRoot, 4, Path.of(parent), parents);
        for (Path dir : parents) {
            for (String id : entries(dir)) {
                Path cg = dir.resolve(id);
                if (ContainerIds.isFullId(id) && mayGo.test(id) && Files.isDirectory(cg)) {
                    removeCgroup(cg);
                }
            }
        }
    }

    /**
     * The directories ending in {@code parent} down to {@code depth} levels below {@code dir} (a hierarchy's own
     * parent, or one nested under a delegated cgroup); directories that vanish meanwhile (other engines'
     * containers come and go) are skipped, never failing the walk. Container cgroups are not walked into.
     */
    private static void findParents(Path dir, int depth, Path parent, List<Path> out) {
        if (depth <= 0) {
            return;
        }
        for (String name : entries(dir)) {
            Path child = dir.resolve(name);
            if (ContainerIds.isFullId(name) || !Files.isDirectory(child, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (child.endsWith(parent)) {
                out.add(child);
            } else {
                findParents(child, depth - 1, parent, out);
            }
        }
    }

    private static void removeCgroup(Path cg) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                Files.delete(cg);
                LOG.info("removed cgroup {} of no running container", cg);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(50); // EBUSY while a killed process is still exiting
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        LOG.warn("cannot remove cgroup {}", cg);
    }

    private void removeSnapshots(Set<String> records) {
        List<String> keys;
        try {
            keys = snapshots.activeKeys();
        } catch (RuntimeException e) {
            LOG.warn("cannot list the storage service's snapshots; orphaned container snapshots stay until the next "
                    + "start: {}", e.getMessage());
            return;
        }
        for (String key : keys) {
            if (ContainerIds.isFullId(key) && !records.contains(key)) {
                try {
                    snapshots.remove(key);
                    LOG.warn("removed snapshot {}, which belongs to no container", key);
                } catch (RuntimeException e) {
                    LOG.warn("cannot remove orphaned snapshot {}: {}", key, e.getMessage());
                }
            }
        }
    }

    private static List<String> entries(Path dir) {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                out.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", dir, e.toString());
        }
        return out;
    }

    private static void deleteQuietly(Path p, String what) {
        try {
            LOG.info("removing {} ({})", p, what);
            if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                AtomicFiles.deleteTree(p);
            } else {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", p, e.toString());
        }
    }
}
