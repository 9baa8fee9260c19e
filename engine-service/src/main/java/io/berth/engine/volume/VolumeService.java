package io.berth.engine.volume;

import io.berth.common.errors.ConflictException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.common.events.EventPublisher;
import io.berth.common.time.DockerTime;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.container.VolumeMountPoint;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The volume operations of the Docker Engine API 1.41 ({@code /volumes}: create, inspect, list, remove, prune)
 * with dockerd 20.10's texts, and the volume side of a container's life (references, mount and unmount at
 * start and exit, removal of anonymous volumes). A volume is in use while a container record names it (any
 * state, as dockerd counts references) or a create is resolving it; references are read from the container
 * store, so they survive restarts without being stored twice. Events: {@code volume create}, {@code mount}
 * (attributes container, destination, driver, propagation, read/write), {@code unmount} (container, driver)
 * and {@code destroy}, each with {@code driver}.
 */
@Singleton
public class VolumeService {
    private static final Logger LOG = LogManager.getLogger(VolumeService.class);

    private final VolumeStore store;
    private final LocalMounts mounts;
    private final ContainerStore containers;
    private final EventPublisher events;
    private final Clock clock;
    /** Volume name → IDs of containers being created with it (not in the container store yet). */
    private final Map<String, Set<String>> pending = new HashMap<>();

    /**
     * @param store the volumes on disk
     * @param mounts the local driver's mounts
     * @param containers the containers (references)
     * @param events event publishing
     * @param clock CreatedAt's clock
     */
    @Inject
    public VolumeService(VolumeStore store, LocalMounts mounts, ContainerStore containers, EventPublisher events,
                         Clock clock) {
        this.store = store;
        this.mounts = mounts;
        this.containers = containers;
        this.events = events;
        this.clock = clock;
    }

    /**
     * {@code POST /volumes/create}: an existing volume of that name is returned unchanged, as dockerd does.
     *
     * @param name the name ("" generates one)
     * @param driver "" or "local"
     * @param options the driver options (null: none given)
     * @param labels the labels (null: none given)
     * @return the volume
     * @throws InvalidArgumentException for a bad name or option
     * @throws NotFoundException for another driver (dockerd's plugin lookup text)
     */
    public synchronized VolumeRecord create(String name, String driver, Map<String, String> options,
                                            Map<String, String> labels) {
        if (!driver.isEmpty() && !driver.equals(VolumeRecord.LOCAL)) {
            throw new NotFoundException("error looking up volume plugin " + driver + ": plugin \"" + driver
                    + "\" not found");
        }
        String n = name.isEmpty() ? VolumeNames.anonymous() : name;
        VolumeNames.check(n);
        var existing = store.find(n);
        if (existing.isPresent()) {
            return existing.get();
        }
        LocalMounts.check(n, options);
        VolumeRecord r = new VolumeRecord(n, VolumeRecord.LOCAL, VolumeStore.format(clock.instant()), labels,
                options);
        store.create(r);
        publish("create", n, Map.of());
        LOG.info("created volume {}", n);
        return r;
    }

    /**
     * @param name a volume name
     * @return the volume
     * @throws NotFoundException "get &lt;name&gt;: no such volume"
     */
    public VolumeRecord get(String name) {
        return store.find(name).orElseThrow(() -> new NotFoundException("get " + name + ": no such volume"));
    }

    /**
     * @param name a volume
     * @return its Mountpoint, {@code <data-root>/volumes/<name>/_data}
     */
    public Path mountpoint(String name) {
        return store.data(name);
    }

    /**
     * @param name a volume name
     * @return IDs of the containers that use it (created ones included), oldest reference first
     */
    public synchronized List<String> users(String name) {
        Set<String> ids = new LinkedHashSet<>();
        for (Container c : containers.all()) {
            if (c.record().mountPoints().stream().anyMatch(m -> m.isVolume() && m.name().equals(name))) {
                ids.add(c.id());
            }
        }
        ids.addAll(pending.getOrDefault(name, Set.of()));
        return new ArrayList<>(ids);
    }

    /**
     * {@code GET /volumes}.
     *
     * @param filters the checked filters
     * @return the matching volumes, by name
     */
    public List<VolumeRecord> list(VolumeFilters filters) {
        List<VolumeRecord> out = new ArrayList<>();
        for (VolumeRecord v : store.all()) {
            if (filters.matches(v, !users(v.name()).isEmpty())) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * {@code DELETE /volumes/{name}}: unmounts a mounted local volume, then deletes it.
     *
     * @param name the volume
     * @param force a missing volume is no error (dockerd 20.10's force does not remove a volume in use)
     * @throws NotFoundException "remove &lt;name&gt;: no such volume" (without force)
     * @throws ConflictException "remove &lt;name&gt;: volume is in use - [ids]"
     */
    public synchronized void remove(String name, boolean force) {
        if (store.find(name).isEmpty()) {
            if (force) {
                return;
            }
            throw new NotFoundException("remove " + name + ": no such volume");
        }
        List<String> users = users(name);
        if (!users.isEmpty()) {
            throw new ConflictException("remove " + name + ": volume is in use - [" + String.join(", ", users) + "]");
        }
        destroy(name);
    }

    private void destroy(String name) {
        mounts.unmount(store.data(name));
        store.delete(name);
        publish("destroy", name, Map.of());
        LOG.info("removed volume {}", name);
    }

    /**
     * The result of a prune.
     *
     * @param deleted names of the removed volumes
     * @param spaceReclaimed bytes of their data
     */
    public record Pruned(List<String> deleted, long spaceReclaimed) {
    }

    /**
     * {@code POST /volumes/prune} as API 1.41 defines it: every local volume that no container uses, named or
     * anonymous (the {@code all} filter and anonymous-only pruning came with API 1.42).
     *
     * @param filters the checked prune filters (label, label!)
     * @return what was removed
     */
    public synchronized Pruned prune(VolumeFilters filters) {
        List<String> deleted = new ArrayList<>();
        long bytes = 0;
        for (VolumeRecord v : store.all()) {
            if (!v.driver().equals(VolumeRecord.LOCAL) || !users(v.name()).isEmpty() || !filters.matches(v, false)) {
                continue;
            }
            long size = mounts.isMounted(store.data(v.name())) ? 0 : size(store.data(v.name()));
            try {
                destroy(v.name());
                deleted.add(v.name());
                bytes += size;
            } catch (RuntimeException e) {
                LOG.warn("prune: cannot remove volume {}: {}", v.name(), e.getMessage());
            }
        }
        return new Pruned(deleted, bytes);
    }

    /**
     * A volume's UsageData.Size for {@code GET /system/df}: bytes of the regular files under its data
     * directory ({@link #size}; moby daemon/disk_usage.go measures {@code v.Path()} the same way).
     *
     * @param name the volume
     * @return the bytes, 0 if its directory is gone
     */
    public long dataSize(String name) {
        return size(store.data(name));
    }

    /**
     * Bytes of the regular files under a directory (hard links counted once per path, as moby's
     * pkg/directory Size), without following links.
     *
     * @param dir a directory
     * @return their size (what could be read)
     */
    static long size(Path dir) {
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        total[0] += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.debug("size of {}: {}", dir, e.getMessage());
        }
        return total[0];
    }

    /**
     * A volume for a container being created: created if missing (a named one with the options and labels
     * of the request, an anonymous one without), and referenced by the container until
     * {@link #commit} or {@link #abort}.
     *
     * @param name the volume's name ("" for a new anonymous volume)
     * @param containerId the container being created
     * @param options driver options for a new volume (null: none)
     * @param labels labels for a new volume (null: none)
     * @param created names of the volumes this create made, appended to (for {@link #abort})
     * @return the volume
     */
    public synchronized VolumeRecord acquire(String name, String containerId, Map<String, String> options,
                                             Map<String, String> labels, List<String> created) {
        boolean existed = !name.isEmpty() && store.find(name).isPresent();
        VolumeRecord v = create(name, "", options, labels);
        if (!existed) {
            created.add(v.name());
        }
        pending.computeIfAbsent(v.name(), k -> new HashSet<>()).add(containerId);
        return v;
    }

    /**
     * @param containerId a container whose create finished (its record is in the store and holds the
     *     references now)
     */
    public synchronized void commit(String containerId) {
        pending.values().forEach(ids -> ids.remove(containerId));
        pending.values().removeIf(Set::isEmpty);
    }

    /**
     * Undoes a failed create: drops its references and removes the volumes it created.
     *
     * @param containerId the container whose create failed
     * @param created the volumes it created
     */
    public synchronized void abort(String containerId, List<String> created) {
        commit(containerId);
        for (String name : created) {
            try {
                if (users(name).isEmpty()) {
                    destroy(name);
                }
            } catch (RuntimeException e) {
                LOG.warn("cannot remove volume {} after a failed create: {}", name, e.getMessage());
            }
        }
    }

    /**
     * Before a container's start: mounts its volumes that have driver options and are not mounted, and
     * publishes {@code mount} for each volume mount point.
     *
     * @param r the container
     * @throws io.berth.common.errors.InternalException "failed to mount local volume: ..."
     * @throws NotFoundException if a volume is gone (removed by hand)
     */
    public void mount(ContainerRecord r) {
        for (VolumeMountPoint m : r.mountPoints()) {
            if (!m.isVolume()) {
                continue;
            }
            VolumeRecord v = get(m.name());
            synchronized (this) {
                mounts.mount(v, store.data(v.name()));
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("container", r.id());
            attrs.put("destination", m.destination());
            attrs.put("propagation", m.propagation());
            attrs.put("read/write", Boolean.toString(m.rw()));
            publish("mount", m.name(), attrs);
        }
    }

    /**
     * After a container's run ended: publishes {@code unmount} for each volume mount point and unmounts a
     * volume with driver options that no other running container uses.
     *
     * @param r the container
     */
    public void unmount(ContainerRecord r) {
        for (VolumeMountPoint m : r.mountPoints()) {
            if (!m.isVolume()) {
                continue;
            }
            store.find(m.name()).ifPresent(v -> {
                synchronized (this) {
                    if (v.hasMountOptions() && !usedByRunning(v.name(), r.id())) {
                        mounts.unmount(store.data(v.name()));
                    }
                }
                publish("unmount", m.name(), Map.of("container", r.id()));
            });
        }
    }

    private boolean usedByRunning(String name, String except) {
        for (Container c : containers.all()) {
            if (!c.id().equals(except) && c.record().state().isRunning() && c.record().mountPoints().stream()
                    .anyMatch(m -> m.isVolume() && m.name().equals(name))) {
                return true;
            }
        }
        return false;
    }

    /**
     * After a container's removal (it is out of the store): with {@code removeVolumes} ({@code rm -v},
     * {@code --rm}), removes its anonymous volumes that no other container uses, as moby's
     * {@code removeMountPoints} (a volume in use elsewhere is kept silently).
     *
     * @param r the removed container
     * @param removeVolumes remove its anonymous volumes
     */
    public synchronized void release(ContainerRecord r, boolean removeVolumes) {
        if (!removeVolumes) {
            return;
        }
        for (VolumeMountPoint m : r.mountPoints()) {
            if (m.isVolume() && m.anonymous() && store.find(m.name()).isPresent() && users(m.name()).isEmpty()) {
                try {
                    destroy(m.name());
                } catch (RuntimeException e) {
                    LOG.warn("cannot remove volume {} of container {}: {}", m.name(), r.id(), e.getMessage());
                }
            }
        }
    }

    private void publish(String action, String name, Map<String, String> extra) {
        Map<String, String> attrs = new LinkedHashMap<>(extra);
        attrs.put("driver", VolumeRecord.LOCAL);
        events.publish("volume", action, name, attrs, DockerTime.toNanos(clock.instant()));
    }

    /**
     * Loads the volumes at engine start.
     *
     * @return how many there are
     * @throws UncheckedIOException if the volumes directory cannot be read
     */
    public int load() {
        return store.load();
    }
}
