package io.berth.storage.snapshot;

import java.time.Instant;
import java.util.Map;

/**
 * One snapshot as the {@link MetaStore} keeps it.
 *
 * @param id numeric ID; the snapshot's directory is {@code snapshots/<id>}, never named by key
 * @param key key (active, view) or name (committed)
 * @param kind the snapshot's state
 * @param parent name of the committed parent, {@code ""} if none
 * @param labels user labels
 * @param createdMillis creation time in milliseconds since the Unix epoch
 */
public record SnapshotRecord(long id, String key, SnapshotKind kind, String parent, Map<String, String> labels,
                             long createdMillis) {
    /** Normalizes null parent/labels (absent in older metadata files). */
    public SnapshotRecord {
        parent = parent == null ? "" : parent;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** @return true if the snapshot has a parent */
    public boolean hasParent() {
        return !parent.isEmpty();
    }

    /** @return the public description of this snapshot */
    public SnapshotInfo info() {
        return new SnapshotInfo(key, parent, kind, labels, Instant.ofEpochMilli(createdMillis));
    }
}
