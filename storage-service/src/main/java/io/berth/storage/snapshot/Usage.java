package io.berth.storage.snapshot;

/**
 * Disk usage of one snapshot's own layer, not counting its parents (containerd's snapshots.Usage).
 *
 * @param sizeBytes apparent size of the layer's regular files in bytes, each inode counted once
 * @param inodes number of distinct inodes in the layer
 */
public record Usage(long sizeBytes, long inodes) {
}
