package io.berth.storage.diff;

/**
 * How a layer's whiteouts are applied (OCI image-spec layer.md#whiteouts: {@code .wh.<name>} deletes
 * {@code <name>} of the layers below, {@code .wh..wh..opq} hides everything below in its directory).
 */
public enum WhiteoutMode {
    /**
     * The target tree is a complete copy (vfs, or a layer without parents): whiteouts delete the paths,
     * and an opaque marker deletes every entry of its directory not written by this layer.
     */
    DELETE,
    /**
     * The target is an overlayfs upper directory: a whiteout becomes a 0/0 character device, an opaque
     * directory gets the xattr {@code trusted.overlay.opaque=y} (Documentation/filesystems/overlayfs.rst).
     */
    OVERLAY
}
