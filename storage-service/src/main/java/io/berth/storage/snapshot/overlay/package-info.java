/** The overlay2 storage driver: snapshots stacked with overlayfs. */
package io.berth.storage.snapshot.overlay;
