package io.berth.it;

/** {@code docker diff} and {@code docker export} on vfs: the container's copy against its image's copy. */
class VfsContainerFilesystemIT extends ContainerFilesystemContract {
    @Override
    String driver() {
        return "vfs";
    }
}
