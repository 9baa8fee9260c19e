package io.berth.it;

/** The walking skeleton on the default storage driver, overlay2 (real overlayfs mounts). */
class Overlay2WalkingSkeletonIT extends WalkingSkeletonContract {
    @Override
    String driver() {
        return "overlay2";
    }
}
