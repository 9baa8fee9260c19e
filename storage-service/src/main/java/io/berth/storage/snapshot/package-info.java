/** The containerd-shaped {@link io.berth.storage.snapshot.Snapshotter} contract, its value types, and the shared bookkeeping of directory-based drivers. */
package io.berth.storage.snapshot;
