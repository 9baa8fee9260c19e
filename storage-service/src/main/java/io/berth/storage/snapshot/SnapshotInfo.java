package io.berth.storage.snapshot;

import java.time.Instant;
import java.util.Map;

/**
 * What a snapshotter knows about one snapshot (containerd's snapshots.Info).
 *
 * @param name the key of an active or view snapshot, or the name of a committed one
 * @param parent name of the committed parent, or {@code ""} if none
 * @param kind the snapshot's state
 * @param labels user labels (free-form key/value pairs)
 * @param created when the snapshot was created
 */
public record SnapshotInfo(String name, String parent, SnapshotKind kind, Map<String, String> labels,
                           Instant created) {
    /** Copies the labels so the record stays immutable. */
    public SnapshotInfo {
        labels = Map.copyOf(labels);
    }
}
