package io.berth.storage.image;

import java.util.List;

/**
 * One row of {@code docker history} (Docker Engine API v1.41 GET /images/{name}/history,
 * HistoryResponseItem).
 *
 * @param id the image that made the entry ("sha256:&lt;hex&gt;") or {@code <missing>}
 * @param createdSeconds the entry's creation time, unix seconds (0 when absent)
 * @param createdBy the command
 * @param tags that image's tags (familiar form), empty for {@code <missing>}
 * @param sizeBytes the unpacked size of the layer the entry made, 0 for an empty layer
 * @param comment the comment
 */
public record HistoryItem(String id, long createdSeconds, String createdBy, List<String> tags, long sizeBytes,
                          String comment) {
    /** Copies the list so the record stays immutable. */
    public HistoryItem {
        tags = List.copyOf(tags);
    }
}
