package io.berth.engine.client;

import io.berth.engine.container.SnapshotMount;
import java.util.List;
import java.util.Map;

/**
 * A container's writable snapshot as the storage service prepared it.
 *
 * @param mounts the mounts to perform on the rootfs (overlay: one; vfs: a bind)
 * @param driverData data for inspect's GraphDriver.Data
 */
public record PreparedSnapshot(List<SnapshotMount> mounts, Map<String, String> driverData) {
    /** Copies the collections. */
    public PreparedSnapshot {
        mounts = List.copyOf(mounts);
        driverData = Map.copyOf(driverData);
    }
}
