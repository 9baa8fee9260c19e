package io.berth.storage.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Manages snapshots: directory trees stacked on a parent, as containerd's {@code core/snapshots} defines
 * them. A snapshotter only prepares directories and describes how to mount them; it never mounts anything
 * itself (the caller mounts the returned {@link Mount}s), so one interface fits overlayfs, plain copies and
 * block devices.
 *
 * <h2>Terms</h2>
 * <ul>
 *   <li><b>key</b>: names an <em>active</em> (writable) or <em>view</em> snapshot, chosen by the caller.</li>
 *   <li><b>name</b>: names a <em>committed</em> snapshot. An active snapshot becomes committed under a name
 *       with {@link #commit}; its key then no longer exists.</li>
 *   <li><b>parent</b>: the committed snapshot a new one starts from; always the name of a committed
 *       snapshot. A snapshot's content is its parent's content plus its own changes.</li>
 * </ul>
 * Keys and names share one namespace: a key cannot be used while a snapshot of that key or name exists.
 * Image layers are committed snapshots named by their chain ID (OCI image-spec config.md#layer-chainid);
 * a container's root filesystem is an active snapshot keyed by the container ID whose parent is the
 * image's top chain ID; extraction keys are unique and temporary ({@code extract-<random>}).
 *
 * <h2>Lifecycle</h2>
 * Importing the first layer of an image:
 * <pre>
 * List&lt;Mount&gt; m = sn.prepare("extract-1", "", Map.of());  // empty active snapshot
 * applier.apply(layerTar, m);                              // unpack the tar, check its diff ID
 * sn.commit(chainId0, "extract-1");                        // "extract-1" is gone, chainId0 exists
 * </pre>
 * The next layer uses the previous chain ID as parent: {@code prepare("extract-2", chainId0)}, apply,
 * {@code commit(chainId1, "extract-2")}. If applying fails, {@code remove("extract-2")} discards it.
 * A container: {@code prepare(containerId, topChainId)}, mount the result as the root filesystem, and
 * {@code remove(containerId)} once the container is deleted. {@link #view} gives a read-only tree of a
 * committed snapshot (for inspecting an image) and is removed the same way.
 *
 * <h2>Rules</h2>
 * A second prepare or view of an existing key fails; a committed snapshot with children cannot be removed
 * until its children are; only active snapshots can be committed. Failures are thrown as berth's error
 * categories: {@link io.berth.common.errors.NotFoundException} (unknown key, name or parent),
 * {@link io.berth.common.errors.AlreadyExistsException} (key or name in use),
 * {@link io.berth.common.errors.ConflictException} (removing a snapshot with children),
 * {@link io.berth.common.errors.InvalidArgumentException} (wrong kind, driver limits) and
 * {@link io.berth.common.errors.InternalException} (I/O failure). A failed call leaves no partial state.
 */
public interface Snapshotter extends AutoCloseable {
    /**
     * @param key key or name of a snapshot
     * @return the snapshot's description
     * @throws io.berth.common.errors.NotFoundException if there is no such snapshot
     */
    SnapshotInfo stat(String key);

    /**
     * @param key key or name of a snapshot
     * @return true if the snapshot exists
     */
    boolean exists(String key);

    /**
     * Measures the snapshot's own layer (not its parents). May walk the whole tree.
     *
     * @param key key or name of a snapshot
     * @return bytes and inodes used
     * @throws io.berth.common.errors.NotFoundException if there is no such snapshot
     */
    Usage usage(String key);

    /**
     * @param key key of an active or view snapshot
     * @return the mounts that assemble it, in mount order
     * @throws io.berth.common.errors.NotFoundException if there is no such snapshot
     * @throws io.berth.common.errors.InvalidArgumentException if it is committed
     */
    List<Mount> mounts(String key);

    /**
     * Creates an active (writable) snapshot on top of {@code parent}.
     *
     * @param key new, unused key
     * @param parent name of a committed snapshot, or {@code ""} for an empty tree
     * @param labels labels to attach
     * @return the mounts that assemble the new snapshot
     * @throws io.berth.common.errors.AlreadyExistsException if the key is in use
     * @throws io.berth.common.errors.NotFoundException if the parent does not exist
     */
    List<Mount> prepare(String key, String parent, Map<String, String> labels);

    /**
     * Creates a read-only view of committed {@code parent}.
     *
     * @param key new, unused key
     * @param parent name of a committed snapshot, or {@code ""} for an empty tree
     * @param labels labels to attach
     * @return read-only mounts of the view
     * @throws io.berth.common.errors.AlreadyExistsException if the key is in use
     * @throws io.berth.common.errors.NotFoundException if the parent does not exist
     */
    List<Mount> view(String key, String parent, Map<String, String> labels);

    /**
     * Turns active snapshot {@code key} into committed snapshot {@code name}, adding {@code labels} to its
     * labels. The key ceases to exist.
     *
     * @param name new, unused name
     * @param key key of an active snapshot
     * @param labels labels to add (e.g. the layer's diff ID and size)
     * @throws io.berth.common.errors.NotFoundException if there is no such key
     * @throws io.berth.common.errors.AlreadyExistsException if the name is in use
     * @throws io.berth.common.errors.InvalidArgumentException if {@code key} is not active
     */
    void commit(String name, String key, Map<String, String> labels);

    /**
     * {@link #commit(String, String, Map)} without labels.
     *
     * @param name new, unused name
     * @param key key of an active snapshot
     */
    default void commit(String name, String key) {
        commit(name, key, Map.of());
    }

    /**
     * Removes a snapshot and its directory. The caller must have unmounted it.
     *
     * @param key key or name of a snapshot
     * @throws io.berth.common.errors.NotFoundException if there is no such snapshot
     * @throws io.berth.common.errors.ConflictException if other snapshots have it as parent
     */
    void remove(String key);

    /**
     * Calls {@code visitor} once per snapshot, in no particular order.
     *
     * @param visitor receives each snapshot's description
     */
    void walk(Consumer<SnapshotInfo> visitor);

    /**
     * The snapshot's changes against its parent, as {@code docker diff} lists them: depth first, siblings in
     * byte order, a directory before its contents. Never mounts anything, so it works on a running
     * container's layer.
     *
     * @param key key or name of a snapshot
     * @param dockerInitLayer leave out the paths dockerd keeps in its init layer
     *     ({@link io.berth.storage.snapshot.tree.InitLayer#hide})
     * @return the changes
     * @throws io.berth.common.errors.NotFoundException if there is no such snapshot
     * @throws io.berth.common.errors.InternalException if the tree cannot be read
     */
    List<Change> changes(String key, boolean dockerInitLayer);

    /**
     * Writes the snapshot's whole tree (parents and its own layer merged, whiteouts applied) as a flat tar
     * ({@link io.berth.storage.snapshot.tree.TarExport}). Never mounts the snapshot: the layers are merged
     * in user space, so a running container's layer is read in place.
     *
     * @param key key or name of a snapshot
     * @param dockerInitLayer lay dockerd's init layer between the parents and the snapshot's own layer
     *     ({@link io.berth.storage.snapshot.tree.InitLayer#build})
     * @param out where the tar goes (not closed)
     * @throws io.berth.common.errors.NotFoundException if there is no such snapshot (before any byte)
     * @throws IOException if a file cannot be read or {@code out} fails
     */
    void export(String key, boolean dockerInitLayer, OutputStream out) throws IOException;

    /**
     * Writes the snapshot's own changes against its parent as a layer tar, as dockerd's commit does (moby
     * {@code pkg/archive} ExportChanges, overlay2's native diff): each changed path's entry, a deletion as a
     * {@code .wh.<name>} whiteout file and an overlayfs opaque directory as its {@code .wh..wh..opq} marker;
     * the paths dockerd keeps in its init layer are left out ({@link
     * io.berth.storage.snapshot.tree.LayerDiffTar}). Never mounts anything.
     *
     * @param key key of an active snapshot (a container's writable layer)
     * @param out where the tar goes (not closed)
     * @param whiteoutTime the mtime of whiteout entries (moby uses the time of the diff)
     * @throws io.berth.common.errors.NotFoundException if there is no such snapshot (before any byte)
     * @throws IOException if a file cannot be read or {@code out} fails
     */
    default void diff(String key, OutputStream out, java.time.Instant whiteoutTime) throws IOException {
        throw new io.berth.common.errors.NotImplementedException("this storage driver cannot commit a layer yet");
    }

    /** Releases resources; snapshots stay on disk. */
    @Override
    void close();
}
