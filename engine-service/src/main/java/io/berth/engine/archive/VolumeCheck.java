package io.berth.engine.archive;

import io.berth.common.errors.PermissionDeniedException;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.runtime.ContainerMounts;

/**
 * Whether a put may write at a container path (moby daemon/archive.go {@code checkIfPathIsInAVolume}): into
 * a mount of the container (bind or tmpfs; the deepest one containing the path) only if it is writable
 * ("mounted volume is marked read-only"), elsewhere only if the root filesystem is not read-only
 * ("container rootfs is marked read-only"). dockerd counts only its MountPoints (binds, volumes, tmpfs
 * Mounts) as volumes; berth also counts {@code --tmpfs} mounts, which a running container can write.
 */
final class VolumeCheck {
    private VolumeCheck() {
    }

    /**
     * @param r the container (its volumes, binds and tmpfs mounts, ReadonlyRootfs)
     * @param containerPath the resolved absolute path in the container
     * @throws PermissionDeniedException if the write is refused
     */
    static void check(ContainerRecord r, String containerPath) {
        ContainerMounts.SpecMount best = null;
        for (ContainerMounts.SpecMount m : ContainerMounts.of(r)) {
            String d = m.destination();
            boolean inside = containerPath.equals(d) || d.equals("/")
                    || containerPath.startsWith(d.endsWith("/") ? d : d + "/");
            if (inside && (best == null || d.length() > best.destination().length())) {
                best = m;
            }
        }
        if (best != null) {
            if (best.options().contains("ro")) {
                throw new PermissionDeniedException("mounted volume is marked read-only");
            }
            return;
        }
        if (r.hostConfig().getReadonlyRootfs()) {
            throw new PermissionDeniedException("container rootfs is marked read-only");
        }
    }
}
