package io.berth.engine.client;

/**
 * The container snapshots of the storage service ({@code berth.storage.v1.Snapshots}): a container's
 * root filesystem is the active snapshot keyed by its ID on top of its image's top chain ID.
 */
public interface SnapshotClient {
    /**
     * {@code Snapshots.Prepare(key, parent)}.
     *
     * @param key the container ID
     * @param parent the image's top chain ID ("" for none)
     * @return the mounts and driver data
     * @throws io.berth.common.errors.AlreadyExistsException if the key is used
     * @throws io.berth.common.errors.NotFoundException if the parent is unknown
     */
    PreparedSnapshot prepare(String key, String parent);

    /**
     * {@code Snapshots.Remove(key)}.
     *
     * @param key the container ID
     * @throws io.berth.common.errors.NotFoundException if there is no such snapshot
     */
    void remove(String key);

    /**
     * {@code Snapshots.List(kind=ACTIVE)}: the keys of every active snapshot (container root filesystems, and
     * storage's own short-lived {@code extract-*} snapshots of a layer being unpacked). Waits up to a minute for
     * the storage service to be up (the engine calls it at its start, when storage may still be starting).
     *
     * @return the keys, in no particular order
     */
    java.util.List<String> activeKeys();
}
