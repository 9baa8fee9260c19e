package io.berth.storage.snapshot;

import io.berth.common.errors.InternalException;
import io.berth.common.errors.NotFoundException;
import io.berth.common.fs.AtomicFiles;
import io.berth.common.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The snapshot metadata of one driver (the role of containerd's bolt metastore): maps keys and names to
 * numeric IDs, kinds, parents and labels, in one JSON file rewritten atomically (temp file + rename) on
 * every change. Each mutating method is one transaction: it writes the new state to disk first and only
 * then makes it visible; if the write fails the in-memory state is unchanged.
 *
 * <p>File format ({@code <driver-root>/metadata.json}):
 * <pre>{"nextId": 4, "snapshots": {"sha256:...": {"id": 1, "key": "sha256:...", "kind": "COMMITTED", ...}}}</pre>
 * Not thread-safe on its own: the owning snapshotter serialises access.
 */
public final class MetaStore {

    /** The persisted state. */
    record State(long nextId, Map<String, SnapshotRecord> snapshots) {
    }

    private final Path file;
    private volatile State state;

    private MetaStore(Path file, State state) {
        this.file = file;
        this.state = state;
    }

    /**
     * Loads the store, or starts an empty one if the file does not exist.
     *
     * @param file the metadata file
     * @return the store
     * @throws InternalException if the file exists but cannot be read or parsed
     */
    public static MetaStore open(Path file) {
        if (!Files.exists(file)) {
            return new MetaStore(file, new State(1, Map.of()));
        }
        try {
            State s = Json.MAPPER.readValue(file.toFile(), State.class);
            return new MetaStore(file, new State(s.nextId(), Map.copyOf(s.snapshots())));
        } catch (IOException e) {
            throw new InternalException("cannot read snapshot metadata " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param key key or name
     * @return the record, if any
     */
    public Optional<SnapshotRecord> get(String key) {
        return Optional.ofNullable(state.snapshots().get(key));
    }

    /**
     * @param key key or name
     * @return the record
     * @throws NotFoundException "snapshot &lt;key&gt;: not found" if absent
     */
    public SnapshotRecord require(String key) {
        return get(key).orElseThrow(() -> new NotFoundException("snapshot " + key + ": not found"));
    }

    /** @return every record */
    public List<SnapshotRecord> all() {
        return new ArrayList<>(state.snapshots().values());
    }

    /**
     * @param key a committed snapshot's name
     * @return the records whose parent is {@code key}
     */
    public List<SnapshotRecord> children(String key) {
        return state.snapshots().values().stream().filter(r -> r.parent().equals(key)).toList();
    }

    /**
     * Reserves the next numeric ID (persisted with the next write; an unused ID is simply skipped).
     *
     * @return a fresh ID
     */
    public long allocateId() {
        long id = state.nextId();
        state = new State(id + 1, state.snapshots());
        return id;
    }

    /**
     * Adds or replaces a record, removing {@code oldKey} in the same write (use for renames).
     *
     * @param oldKey a key to remove, or {@code null}
     * @param record the record to store under its key
     * @throws InternalException if the file cannot be written (nothing changes then)
     */
    public void put(String oldKey, SnapshotRecord record) {
        Map<String, SnapshotRecord> next = new LinkedHashMap<>(state.snapshots());
        if (oldKey != null) {
            next.remove(oldKey);
        }
        next.put(record.key(), record);
        write(new State(state.nextId(), next));
    }

    /**
     * Removes a record.
     *
     * @param key key or name
     * @throws InternalException if the file cannot be written (nothing changes then)
     */
    public void remove(String key) {
        Map<String, SnapshotRecord> next = new LinkedHashMap<>(state.snapshots());
        next.remove(key);
        write(new State(state.nextId(), next));
    }

    private void write(State next) {
        try {
            AtomicFiles.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(next));
            state = new State(next.nextId(), Map.copyOf(next.snapshots()));
        } catch (IOException e) {
            throw new InternalException("cannot write snapshot metadata " + file + ": " + e.getMessage(), e);
        }
    }
}
