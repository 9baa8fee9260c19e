package io.berth.storage.snapshot;

/** The state of a snapshot (containerd's snapshots.Kind). */
public enum SnapshotKind {
    /** Read-only view of a committed snapshot, made by {@link Snapshotter#view}; cannot be committed. */
    VIEW,
    /** Writable snapshot made by {@link Snapshotter#prepare}, named by its key; may be committed. */
    ACTIVE,
    /** Immutable snapshot made by {@link Snapshotter#commit}, named by its name; may be a parent. */
    COMMITTED
}
