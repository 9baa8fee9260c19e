package io.berth.engine.container;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One mount point a container got at create from a volume or from another container's mount points
 * ({@code VolumesFrom}), persisted in {@code config.v2.json}'s {@code MountPoints} as dockerd keeps its
 * MountPoints (moby volume/mounts/mounts.go {@code MountPoint}). The user's own binds and tmpfs mounts stay
 * in HostConfig; these are what create resolved: the volume's name and host path, fixed for the container's
 * life.
 *
 * @param type "volume", or "bind" for a bind taken from another container with VolumesFrom
 * @param name the volume's name ("" for a bind)
 * @param source the host path mounted (the volume's Mountpoint, {@code <data-root>/volumes/<name>/_data})
 * @param destination the absolute, cleaned path in the container
 * @param driver the volume driver ("local"; "" for a bind)
 * @param rw false when mounted read-only
 * @param mode the Binds mode as given ("z" for a named volume given without one), "" for Mounts, VolumesFrom
 *     and anonymous volumes
 * @param anonymous the volume was created for this container without a name (image VOLUME, {@code -v /path},
 *     a volume Mount without Source): {@code docker rm -v} and {@code --rm} remove it
 * @param propagation bind propagation of a bind ("rprivate"), "" for a volume
 */
public record VolumeMountPoint(
        @JsonProperty("Type") String type,
        @JsonProperty("Name") String name,
        @JsonProperty("Source") String source,
        @JsonProperty("Destination") String destination,
        @JsonProperty("Driver") String driver,
        @JsonProperty("RW") boolean rw,
        @JsonProperty("Mode") String mode,
        @JsonProperty("Anonymous") boolean anonymous,
        @JsonProperty("Propagation") String propagation) {
    /** Type of a volume mount point. */
    public static final String VOLUME = "volume";

    /** Normalizes nulls (records written by older versions). */
    public VolumeMountPoint {
        type = type == null ? VOLUME : type;
        name = name == null ? "" : name;
        driver = driver == null ? "" : driver;
        mode = mode == null ? "" : mode;
        propagation = propagation == null ? "" : propagation;
    }

    /** @return true for a volume (false for a bind taken with VolumesFrom) */
    public boolean isVolume() {
        return VOLUME.equals(type);
    }

    /**
     * @param readWrite the new RW
     * @param newMode the new mode
     * @return a copy for another container (VolumesFrom): never anonymous there, so that container's
     *     {@code rm -v} keeps it
     */
    public VolumeMountPoint inherited(boolean readWrite, String newMode) {
        return new VolumeMountPoint(type, name, source, destination, driver, readWrite, newMode, false, propagation);
    }
}
