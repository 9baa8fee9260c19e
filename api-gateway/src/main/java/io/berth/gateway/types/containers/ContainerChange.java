package io.berth.gateway.types.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.proto.storage.v1.SnapshotChange;

/**
 * One item of Docker Engine API 1.41 {@code GET /containers/{id}/changes} (swagger
 * ContainerChangeResponseItem): {@code {"Path":"/etc/passwd","Kind":0}}.
 *
 * @param path Path: absolute path in the container
 * @param kind Kind: 0 modified, 1 added, 2 deleted
 */
public record ContainerChange(@JsonProperty("Path") String path, @JsonProperty("Kind") int kind) {
    /**
     * @param c the storage service's change
     * @return the API item
     */
    public static ContainerChange of(SnapshotChange c) {
        return new ContainerChange(c.getPath(), c.getKindValue());
    }
}
