package io.berth.engine.runtime;

import io.berth.engine.container.BindSpec;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.MountPaths;
import io.berth.engine.container.VolumeMountPoint;
import io.berth.proto.engine.v1.HostConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The user's mounts of a container as runtime spec mounts (OCI config.md#mounts), as dockerd 20.10 makes
 * them (moby daemon/oci_linux.go {@code WithMounts}): Binds and bind Mounts become {@code bind} mounts with
 * options {@code rbind} (or {@code bind} for NonRecursive), {@code ro} when read-only, and the propagation
 * ({@code rprivate} by default); Tmpfs entries and tmpfs Mounts become {@code tmpfs} mounts with
 * {@link TmpfsOptions}; the volume mount points create resolved ({@link VolumeMountPoint}) become {@code rbind}
 * mounts of the volume's directory ({@code ro} when not RW; a bind inherited with VolumesFrom keeps its
 * propagation).
 */
public final class ContainerMounts {
    private ContainerMounts() {
    }

    /**
     * One runtime spec mount.
     *
     * @param destination absolute path in the container
     * @param type "bind", "tmpfs", ...
     * @param source host path or filesystem name
     * @param options mount options
     */
    public record SpecMount(String destination, String type, String source, List<String> options) {
        /** @return the number of "/" in the destination (moby sorts mounts by it, parents first) */
        public int depth() {
            return (int) destination.chars().filter(ch -> ch == '/').count();
        }
    }

    /**
     * @param r a container
     * @return its mounts: its volume mount points, then {@link #of(HostConfig)}'s, not yet sorted
     */
    public static List<SpecMount> of(ContainerRecord r) {
        List<SpecMount> out = new ArrayList<>();
        for (VolumeMountPoint m : r.mountPoints()) {
            out.add(bind(m.destination(), m.source(), false, !m.rw(), m.propagation()));
        }
        out.addAll(of(r.hostConfig()));
        return out;
    }

    /**
     * @param hc the host config
     * @return the user's mounts: Binds, then Mounts, then Tmpfs (by path), not yet sorted
     * @throws io.berth.common.errors.InvalidArgumentException for an entry create should have refused
     */
    public static List<SpecMount> of(HostConfig hc) {
        List<SpecMount> out = new ArrayList<>();
        for (String raw : hc.getBindsList()) {
            BindSpec b = BindSpec.parse(raw);
            if (b.isHostPath()) {
                out.add(bind(b.destination(), b.source(), false, b.readOnly(), b.propagation()));
            }
        }
        for (HostConfig.Mount m : hc.getMountsList()) {
            String target = MountPaths.checkTarget(m.getType(), m.getTarget(), "");
            if (m.getType().equals("bind")) {
                out.add(bind(target, m.getSource(), m.getNonRecursive(), m.getReadOnly(), m.getPropagation()));
            } else if (m.getType().equals("tmpfs")) {
                out.add(tmpfs(target, TmpfsOptions.fromMount(m.getReadOnly(), m.getTmpfsSizeBytes(),
                        m.getTmpfsMode())));
            }
        }
        for (Map.Entry<String, String> t : new TreeMap<>(hc.getTmpfsMap()).entrySet()) {
            out.add(tmpfs(MountPaths.checkTarget("tmpfs", t.getKey(), ""), t.getValue()));
        }
        return out;
    }

    private static SpecMount bind(String dest, String source, boolean nonRecursive, boolean readOnly,
                                  String propagation) {
        List<String> options = new ArrayList<>();
        options.add(nonRecursive ? "bind" : "rbind");
        if (readOnly) {
            options.add("ro");
        }
        options.add(propagation.isEmpty() ? "rprivate" : propagation);
        return new SpecMount(dest, "bind", source, List.copyOf(options));
    }

    private static SpecMount tmpfs(String dest, String data) {
        return new SpecMount(dest, "tmpfs", "tmpfs", TmpfsOptions.merge(data));
    }

    /**
     * Creates the host directory of every Binds entry whose host path does not exist, as dockerd 20.10 does
     * at start (mode 0755). Mounts of type bind are not created: their source must exist.
     *
     * @param hc the host config
     * @throws IOException "error while creating mount source path '/x': ..."
     */
    public static void createBindSources(HostConfig hc) throws IOException {
        for (String raw : hc.getBindsList()) {
            BindSpec b = BindSpec.parse(raw);
            Path source = Path.of(b.source());
            if (b.isHostPath() && !Files.exists(source)) {
                try {
                    Files.createDirectories(source);
                } catch (IOException e) {
                    throw new IOException("error while creating mount source path '" + b.source() + "': " + e, e);
                }
            }
        }
    }
}
