package io.berth.it;

import io.berth.common.testing.TestEnvironment;
import java.nio.file.Path;

/**
 * The walking skeleton on the btrfs storage driver: the same results, each layer and container a subvolume
 * snapshot, on a btrfs data root of this class's own (a 512 MiB sparse file under the daemon's temp directory,
 * made by {@code mkfs.btrfs} and loop-mounted by {@link BerthdProcess#onLoopBtrfs}; unmounted and deleted in the
 * contract's cleanup even when a test fails).
 */
class BtrfsWalkingSkeletonIT extends WalkingSkeletonContract {
    @Override
    String driver() {
        return "btrfs";
    }

    @Override
    BerthdProcess newDaemon() throws Exception {
        TestEnvironment.current().requireExecutable(Path.of("/usr/sbin/mkfs.btrfs"), "mkfs.btrfs (Debian btrfs-progs)");
        return new BerthdProcess(driver()).onLoopBtrfs(512L * 1024 * 1024);
    }
}
