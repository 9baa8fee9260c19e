package io.berth.it;

/**
 * {@code docker diff} and {@code docker export} on the btrfs storage driver, end to end: berthd's data root is a
 * btrfs file system of this class's own (a 512 MiB sparse file under the daemon's temp directory, made by
 * {@code mkfs.btrfs} and loop-mounted by {@link BerthdProcess#onLoopBtrfs}; unmounted and deleted in the
 * contract's cleanup even when a test fails). Layers are subvolume snapshots; the results are the vfs ones
 * (btrfs lists changes with moby's naive differ, so a changed file's parent directory is reported too).
 */
class BtrfsContainerFilesystemIT extends ContainerFilesystemContract {
    @Override
    String driver() {
        return "btrfs";
    }

    @Override
    BerthdProcess newDaemon() throws Exception {
        return BerthdProcess.onOwnBtrfs();
    }
}
