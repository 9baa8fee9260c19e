/** The vfs storage driver: snapshots as full copies. */
package io.berth.storage.snapshot.vfs;
