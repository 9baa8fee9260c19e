package io.berth.it;

/** {@code docker diff} and {@code docker export} on overlay2: the container's upper directory, never mounted twice. */
class Overlay2ContainerFilesystemIT extends ContainerFilesystemContract {
    @Override
    String driver() {
        return "overlay2";
    }
}
