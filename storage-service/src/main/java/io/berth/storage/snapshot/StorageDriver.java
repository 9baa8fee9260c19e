package io.berth.storage.snapshot;

import java.util.List;
import java.util.Map;

/**
 * A {@link Snapshotter} that is also one of Docker's storage drivers: it has Docker's driver name and
 * reports what Docker's {@code GET /info} (DriverStatus) and image/container inspect (GraphDriver.Data)
 * show for it (Docker Engine API v1.41).
 */
public interface StorageDriver extends Snapshotter {
    /** @return Docker's driver name: "overlay2" or "vfs" */
    String name();

    /** @return Docker's DriverStatus pairs for {@code GET /info}, e.g. ["Backing Filesystem", "extfs"] */
    List<Map.Entry<String, String>> status();

    /**
     * Docker's GraphDriver.Data for a snapshot, e.g. overlay2's LowerDir/UpperDir/WorkDir/MergedDir.
     *
     * @param key key or name of a snapshot
     * @return the data; empty if the driver has none
     * @throws io.berth.common.errors.NotFoundException if there is no such snapshot
     */
    Map<String, String> driverData(String key);
}
