/**
 * Containers as data: the persisted record ({@code config.v2.json}: ContainerRecord, ContainerState,
 * SnapshotMount, and the berth.engine.v1 ContainerConfig and HostConfig messages written by ProtoJson), its
 * files, the in-memory store and index (IDs, names, filters), the merge of a create request with the
 * image's config, the parsing of binds and mount paths, and the waits on a container's state. No
 * processes, no I/O streams.
 *
 * <p>Layer 2: may import {@code config} only.
 */
package io.berth.engine.container;
