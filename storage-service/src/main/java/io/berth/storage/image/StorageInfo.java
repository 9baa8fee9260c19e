package io.berth.storage.image;

import java.util.List;
import java.util.Map;

/**
 * Storage facts for Docker Engine API v1.41 GET /info.
 *
 * @param driver storage driver name ("overlay2", "vfs")
 * @param driverStatus Docker's DriverStatus pairs
 * @param images number of images (distinct image IDs)
 * @param dataRoot the daemon's data root (DockerRootDir)
 */
public record StorageInfo(String driver, List<Map.Entry<String, String>> driverStatus, int images,
                          String dataRoot) {
    /** Copies the list so the record stays immutable. */
    public StorageInfo {
        driverStatus = List.copyOf(driverStatus);
    }
}
