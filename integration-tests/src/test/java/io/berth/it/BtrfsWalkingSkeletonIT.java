package io.berth.it;

/**
 * The walking skeleton on the btrfs storage driver: the same results, each layer and container a subvolume
 * snapshot, on a btrfs data root of this class's own (a 512 MiB sparse file under the daemon's temp directory,
 * made by {@code mkfs.btrfs} and loop-mounted by {@link BerthdProcess#onOwnBtrfs}; unmounted and deleted in the
 * contract's cleanup even when a test fails).
 */
class BtrfsWalkingSkeletonIT extends WalkingSkeletonContract {
    @Override
    String driver() {
        return "btrfs";
    }

    @Override
    BerthdProcess newDaemon() throws Exception {
        return BerthdProcess.onOwnBtrfs();
    }
}
