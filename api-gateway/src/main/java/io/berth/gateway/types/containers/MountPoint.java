package io.berth.gateway.types.containers;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Docker Engine API 1.41 swagger {@code MountPoint}: one entry of container inspect's top-level
 * {@code Mounts}.
 *
 * @param type "bind" or "tmpfs"
 * @param source host path ("" for tmpfs)
 * @param destination path in the container
 * @param mode the mode of a Binds entry as given ("ro", "rshared,rw"), else ""
 * @param rw RW: false when mounted read-only
 * @param propagation bind propagation ("rprivate" by default), "" for tmpfs
 */
public record MountPoint(
        @JsonProperty("Type") String type,
        @JsonProperty("Source") String source,
        @JsonProperty("Destination") String destination,
        @JsonProperty("Mode") String mode,
        @JsonProperty("RW") boolean rw,
        @JsonProperty("Propagation") String propagation) {
}
