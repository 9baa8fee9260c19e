/**
 * A container's filesystem for the archive routes of the Docker Engine API 1.41 ({@code docker cp}):
 * {@link io.berth.engine.archive.ContainerRoots} opens a container's root as a directory descriptor
 * (a running container's {@code /proc/<pid>/root}, else its snapshot and bind mounts mounted privately),
 * {@link io.berth.engine.archive.ScopedRoot} resolves every path inside it with openat2(RESOLVE_IN_ROOT),
 * {@link io.berth.engine.archive.TarCreator} and {@link io.berth.engine.archive.TarExtractor} read and
 * write through the resolved descriptors only, and {@link io.berth.engine.archive.ContainerArchives} is
 * the three operations (stat, get, put) with dockerd's errors and events.
 *
 * <p>Layer 5: may import {@code config}, {@code container}, {@code client} and {@code runtime}.
 */
package io.berth.engine.archive;
