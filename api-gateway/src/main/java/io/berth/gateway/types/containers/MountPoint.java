package io.berth.gateway.types.containers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Docker Engine API 1.41 swagger {@code MountPoint}: one entry of container inspect's top-level
 * {@code Mounts}.
 *
 * @param type "bind", "volume" or "tmpfs"
 * @param name the volume's name (null, left out, for others)
 * @param source host path ("" for tmpfs; a volume's Mountpoint)
 * @param destination path in the container
 * @param driver the volume's driver (null, left out, for others)
 * @param mode the mode of a Binds entry as given ("ro", "rshared,rw"), else ""
 * @param rw RW: false when mounted read-only
 * @param propagation bind propagation ("rprivate" by default), "" for tmpfs
 */
public record MountPoint(
        @JsonProperty("Type") String type,
        @JsonProperty("Name") @JsonInclude(JsonInclude.Include.NON_EMPTY) String name,
        @JsonProperty("Source") String source,
        @JsonProperty("Destination") String destination,
        @JsonProperty("Driver") @JsonInclude(JsonInclude.Include.NON_EMPTY) String driver,
        @JsonProperty("Mode") String mode,
        @JsonProperty("RW") boolean rw,
        @JsonProperty("Propagation") String propagation) {
}
