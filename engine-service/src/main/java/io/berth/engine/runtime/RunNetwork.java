package io.berth.engine.runtime;

/**
 * The network of a container run, as {@link RuntimeCleanup#release} releases it: implemented by the network layer
 * ({@code io.berth.engine.network.ContainerNetworks}: CNI DEL of every endpoint the container's record names, then
 * its network namespace), so that every path that releases a run (exit, removal, a failed start, the sweep and
 * recovery at the engine's start) also releases its network, in the order the plugins need (DEL while the
 * namespace still exists).
 */
public interface RunNetwork {
    /** Nothing to release (tests that run no network). */
    RunNetwork NONE = id -> { };

    /**
     * Detaches the container from every network it is attached to by its endpoint record and removes its network
     * namespace. Idempotent; never throws (failures are logged).
     *
     * @param containerId the container
     */
    void release(String containerId);
}
