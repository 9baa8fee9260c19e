package io.berth.engine.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One mount the storage service returns for a snapshot (berth.types.v1.Mount, shaped like the OCI runtime
 * spec's mounts entry): overlay {@code ("overlay", "overlay", ["lowerdir=..", "upperdir=..", "workdir=.."])}
 * or a bind {@code ("bind", "/dir", ["rbind", "rw"])}. The engine performs it.
 *
 * @param type filesystem type ("overlay", "bind", ...)
 * @param source source path or pseudo source
 * @param options mount(8) options
 */
public record SnapshotMount(
        @JsonProperty("Type") String type,
        @JsonProperty("Source") String source,
        @JsonProperty("Options") List<String> options) {

    /** Copies the options. */
    public SnapshotMount {
        options = options == null ? List.of() : List.copyOf(options);
    }
}
