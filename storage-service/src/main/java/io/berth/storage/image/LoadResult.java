package io.berth.storage.image;

import java.util.List;

/**
 * The outcome of loading an archive (Docker Engine API v1.41 POST /images/load).
 *
 * @param lines progress lines for Docker's JSON message stream, each ending in a newline, e.g.
 *     {@code "Loaded image: fixture/busybox:1\n"} or {@code "Loaded image ID: sha256:...\n"}
 * @param loaded the loaded references: tags, or image IDs of untagged images
 */
public record LoadResult(List<String> lines, List<String> loaded) {
    /** Copies the lists so the record stays immutable. */
    public LoadResult {
        lines = List.copyOf(lines);
        loaded = List.copyOf(loaded);
    }
}
