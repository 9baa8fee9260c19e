package io.berth.it;

/** The walking skeleton on the vfs storage driver: the same results, with full copies instead of overlays. */
class VfsWalkingSkeletonIT extends WalkingSkeletonContract {
    @Override
    String driver() {
        return "vfs";
    }
}
