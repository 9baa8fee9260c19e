/** The btrfs storage driver: snapshots as btrfs subvolumes (Docker's btrfs graphdriver). */
package io.berth.storage.snapshot.btrfs;
