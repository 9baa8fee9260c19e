package io.berth.engine.volume;

import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.fs.SecureJoin;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.BindSpec;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.container.MountPaths;
import io.berth.engine.container.SnapshotMount;
import io.berth.engine.container.VolumeMountPoint;
import io.berth.engine.runtime.RootfsMounter;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.HostConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A container's volumes at create, as dockerd 20.10 resolves them (moby daemon/volumes.go
 * {@code registerMountPoints}, daemon/create_unix.go {@code createContainerOSSpecificSettings} and
 * {@code populateVolumes}), in this order, a later one replacing an earlier one at the same destination:
 * <ol>
 *   <li>VolumesFrom {@code <container>[:ro|rw]}: the other container's volume and bind mount points at the
 *       same paths (read-only with ro; never anonymous here, so this container's {@code rm -v} keeps them);</li>
 *   <li>Binds {@code name:/path[:opts]} (a named volume, created if missing; Mode "z" when given without
 *       options, as dockerd shows it) and {@code /path} alone (an anonymous volume); host-path binds replace
 *       an inherited mount point;</li>
 *   <li>Mounts of type volume (Source names it, empty for an anonymous one; VolumeOptions' labels and driver
 *       options apply to a volume this creates; NoCopy);</li>
 *   <li>Config.Volumes (the image's VOLUMEs and {@code docker run -v /path}): an anonymous volume for each
 *       path that nothing else is mounted on; a path the image has as a file is refused, as dockerd.</li>
 * </ol>
 * Then every new or empty volume mounted at a path the image fills is filled from the image (owner, modes,
 * xattrs, links kept: {@link TreeCopy}) unless nocopy: the container's snapshot is mounted on
 * {@code <exec-root>/prefill/<id>} for the copy and unmounted again. A failure removes the volumes this
 * create made.
 */
@Singleton
public class ContainerVolumes {
    private final VolumeService volumes;
    private final ContainerStore containers;
    private final RootfsMounter rootfs;
    private final LocalMounts mounts;
    private final EngineConfig config;

    /**
     * @param volumes the volumes
     * @param containers the containers (VolumesFrom)
     * @param rootfs snapshot mounts (pre-fill)
     * @param mounts the local driver's mounts (pre-fill of a volume with driver options)
     * @param config the exec root
     */
    @Inject
    public ContainerVolumes(VolumeService volumes, ContainerStore containers, RootfsMounter rootfs,
                            LocalMounts mounts, EngineConfig config) {
        this.volumes = volumes;
        this.containers = containers;
        this.rootfs = rootfs;
        this.mounts = mounts;
        this.config = config;
    }

    /**
     * The outcome of {@link #resolve}: hand {@code created} to {@link VolumeService#abort} if the create fails
     * later, else call {@link VolumeService#commit} once the container is in the store.
     *
     * @param points the container's mount points
     * @param created names of the volumes this create made
     */
    public record Resolved(List<VolumeMountPoint> points, List<String> created) {
    }

    /**
     * @param id the new container's ID
     * @param hc its host config (validated)
     * @param merged its config merged with the image's (Volumes)
     * @param snapshot the mounts of its prepared snapshot (for the pre-fill)
     * @return its mount points
     * @throws InvalidArgumentException for a bad VolumesFrom mode, a volume over an image file, a bad name
     * @throws io.berth.common.errors.NotFoundException for a VolumesFrom container that does not exist
     * @throws InternalException if the pre-fill fails
     */
    public Resolved resolve(String id, HostConfig hc, ContainerConfig merged, List<SnapshotMount> snapshot) {
        Map<String, VolumeMountPoint> byDest = new LinkedHashMap<>();
        Set<String> copy = new LinkedHashSet<>();
        Set<String> fromConfig = new LinkedHashSet<>();
        List<String> created = new ArrayList<>();
        try {
            volumesFrom(id, hc, byDest, created);
            for (String raw : hc.getBindsList()) {
                BindSpec b = BindSpec.parse(raw);
                if (b.isHostPath()) {
                    byDest.remove(b.destination());
                    continue;
                }
                VolumeRecord v = volumes.acquire(b.source(), id, null, null, created);
                String mode = b.mode().isEmpty() && !b.source().isEmpty() ? "z" : b.mode();
                byDest.put(b.destination(), point(v, b.destination(), !b.readOnly(), mode, b.source().isEmpty()));
                if (!List.of(b.mode().split(",")).contains("nocopy")) {
                    copy.add(b.destination());
                }
            }
            for (HostConfig.Mount m : hc.getMountsList()) {
                String target = MountPaths.checkTarget(m.getType(), m.getTarget(), "");
                if (!m.getType().equals(VolumeMountPoint.VOLUME)) {
                    byDest.remove(target);
                    continue;
                }
                VolumeRecord v = volumes.acquire(m.getSource(), id,
                        m.getVolumeDriverOptionsCount() == 0 ? null : m.getVolumeDriverOptionsMap(),
                        m.getVolumeLabelsCount() == 0 ? null : m.getVolumeLabelsMap(), created);
                byDest.put(target, point(v, target, !m.getReadOnly(), "", m.getSource().isEmpty()));
                if (!m.getVolumeNoCopy()) {
                    copy.add(target);
                }
            }
            for (String path : merged.getVolumesList()) {
                String dest = MountPaths.checkTarget(VolumeMountPoint.VOLUME, path, "");
                if (byDest.containsKey(dest) || hc.containsTmpfs(dest) || hostMount(hc, dest)) {
                    continue;
                }
                VolumeRecord v = volumes.acquire("", id, null, null, created);
                byDest.put(dest, point(v, dest, true, "", true));
                copy.add(dest);
                fromConfig.add(dest);
            }
            prefill(id, snapshot, byDest, copy, fromConfig);
            return new Resolved(List.copyOf(byDest.values()), created);
        } catch (RuntimeException e) {
            volumes.abort(id, created);
            throw e;
        }
    }

    private VolumeMountPoint point(VolumeRecord v, String dest, boolean rw, String mode, boolean anonymous) {
        return new VolumeMountPoint(VolumeMountPoint.VOLUME, v.name(), volumes.mountpoint(v.name()).toString(), dest,
                v.driver(), rw, mode, anonymous, "");
    }

    private static boolean hostMount(HostConfig hc, String dest) {
        return Stream.concat(hc.getBindsList().stream().map(BindSpec::parse).map(BindSpec::destination),
                hc.getMountsList().stream().map(m -> MountPaths.checkTarget(m.getType(), m.getTarget(), "")))
                .anyMatch(dest::equals);
    }

    private void volumesFrom(String id, HostConfig hc, Map<String, VolumeMountPoint> byDest, List<String> created) {
        for (String spec : hc.getVolumesFromList()) {
            int colon = spec.lastIndexOf(':');
            String ref = colon < 0 ? spec : spec.substring(0, colon);
            String mode = colon < 0 ? "" : spec.substring(colon + 1);
            if (!mode.isEmpty() && !mode.equals("ro") && !mode.equals("rw")) {
                throw new InvalidArgumentException("invalid mode: " + mode);
            }
            Container other = containers.get(ref);
            ContainerRecord r = other.record();
            for (VolumeMountPoint m : inheritable(r)) {
                if (m.isVolume()) {
                    volumes.acquire(m.name(), id, null, null, created);
                }
                byDest.put(m.destination(), m.inherited(m.rw() && !mode.equals("ro"), mode));
            }
        }
    }

    /** Another container's mount points as VolumesFrom takes them: its volumes, then its host binds. */
    private static List<VolumeMountPoint> inheritable(ContainerRecord r) {
        List<VolumeMountPoint> out = new ArrayList<>(r.mountPoints());
        for (String raw : r.hostConfig().getBindsList()) {
            BindSpec b = BindSpec.parse(raw);
            if (b.isHostPath()) {
                out.add(new VolumeMountPoint("bind", "", b.source(), b.destination(), "", !b.readOnly(), b.mode(),
                        false, b.propagation()));
            }
        }
        for (HostConfig.Mount m : r.hostConfig().getMountsList()) {
            if (m.getType().equals("bind")) {
                out.add(new VolumeMountPoint("bind", "", m.getSource(), MountPaths.checkTarget("bind", m.getTarget(),
                        ""), "", !m.getReadOnly(), "", false, m.getPropagation().isEmpty() ? "rprivate"
                        : m.getPropagation()));
            }
        }
        return out;
    }

    private void prefill(String id, List<SnapshotMount> snapshot, Map<String, VolumeMountPoint> byDest,
                         Set<String> copy, Set<String> fromConfig) {
        if (copy.isEmpty() || snapshot.isEmpty()) {
            return;
        }
        Path root = config.execRoot().resolve("prefill").resolve(id);
        try {
            Files.createDirectories(root);
            rootfs.mount(snapshot, root);
            try {
                for (String dest : copy) {
                    prefill(root, byDest.get(dest), fromConfig.contains(dest));
                }
            } finally {
                rootfs.unmount(root);
            }
        } catch (IOException e) {
            throw new InternalException("cannot fill the volumes of " + id + " from the image: " + e.getMessage(), e);
        } finally {
            if (!rootfs.isMounted(root)) {
                try {
                    Files.deleteIfExists(root);
                } catch (IOException e) {
                    // left for the next create of this ID, which cannot happen; harmless
                }
            }
        }
    }

    private void prefill(Path root, VolumeMountPoint m, boolean fromConfig) throws IOException {
        List<String> components = SecureJoin.clean(m.destination());
        Path source;
        try {
            source = SecureJoin.resolveDirectory(root, components, false);
        } catch (InvalidArgumentException e) {
            BasicFileAttributes leaf = existing(root, components);
            if (fromConfig && leaf != null && !leaf.isDirectory()) {
                throw new InvalidArgumentException("cannot mount volume over existing file, file exists "
                        + m.destination());
            }
            return;
        }
        VolumeRecord v = volumes.get(m.name());
        Path data = volumes.mountpoint(m.name());
        boolean mountedHere = v.hasMountOptions() && !mounts.isMounted(data);
        mounts.mount(v, data);
        try (Stream<Path> entries = Files.list(data)) {
            if (entries.findAny().isEmpty()) {
                TreeCopy.copyContents(source, data);
            }
        } finally {
            if (mountedHere) {
                mounts.unmount(data);
            }
        }
    }

    private static BasicFileAttributes existing(Path root, List<String> components) {
        try {
            return SecureJoin.lstat(SecureJoin.resolveLeaf(root, components, false));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
