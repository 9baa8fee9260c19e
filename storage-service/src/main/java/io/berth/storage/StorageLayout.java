package io.berth.storage;

import java.nio.file.Path;

/**
 * Where storage-service keeps its state under the daemon's data root (the layout the brief fixes):
 * <pre>
 * &lt;data-root&gt;/storage/content/blobs/sha256/&lt;hex&gt;  configs and layer tars, by digest
 * &lt;data-root&gt;/storage/images/index.json            image and tag metadata
 * &lt;data-root&gt;/storage/&lt;driver&gt;/                    snapshotter root (metadata.json, snapshots/&lt;n&gt;/)
 * &lt;data-root&gt;/storage/tmp/                         uploads being loaded (emptied at start-up)
 * </pre>
 *
 * @param dataRoot the daemon's data root, e.g. {@code /var/lib/berth}
 */
public record StorageLayout(Path dataRoot) {
    /** @return {@code <data-root>/storage} */
    public Path storage() {
        return dataRoot.resolve("storage");
    }

    /** @return the content store root, {@code <data-root>/storage/content} */
    public Path content() {
        return storage().resolve("content");
    }

    /** @return the image metadata directory, {@code <data-root>/storage/images} */
    public Path images() {
        return storage().resolve("images");
    }

    /** @return the image index file, {@code <data-root>/storage/images/index.json} */
    public Path imageIndex() {
        return images().resolve("index.json");
    }

    /**
     * @return where pull and push remember the compressed blob of each layer and the repositories that have
     *     it, {@code <data-root>/storage/images/distribution.json} (dockerd's {@code distribution/} metadata)
     */
    public Path distributionMetadata() {
        return images().resolve("distribution.json");
    }

    /** @return the directory for uploads being loaded, {@code <data-root>/storage/tmp} */
    public Path tmp() {
        return storage().resolve("tmp");
    }

    /**
     * @param driver Docker's driver name, e.g. "overlay2"
     * @return the driver's root, {@code <data-root>/storage/<driver>}
     */
    public Path driverRoot(String driver) {
        return storage().resolve(driver);
    }
}
