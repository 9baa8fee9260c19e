/**
 * Volumes: Docker's local volume driver (moby volume/local) and a container's volume mount points.
 * {@link io.berth.engine.volume.VolumeStore} keeps each volume as {@code <data-root>/volumes/<name>/_data} with
 * its record {@code volume.json} (written atomically), {@link io.berth.engine.volume.LocalMounts} mounts a
 * volume created with driver options (type, device, o) while running containers use it,
 * {@link io.berth.engine.volume.VolumeService} is the {@code /volumes} operations (create, inspect, list,
 * remove, prune) with dockerd 20.10's errors and events, and
 * {@link io.berth.engine.volume.ContainerVolumes} resolves a container's volumes at create (Binds, Mounts,
 * the image's VOLUMEs, VolumesFrom), fills a new volume from the image ({@link io.berth.engine.volume.TreeCopy}),
 * and mounts, unmounts and removes them with the container.
 *
 * <p>Layer 5: may import {@code config}, {@code container}, {@code client} and {@code runtime}.
 */
package io.berth.engine.volume;
