package io.berth.storage.snapshot;

import java.nio.file.Path;

/** Creates a {@link StorageDriver} on its root directory; registered in Guice under Docker's driver name. */
@FunctionalInterface
public interface StorageDriverFactory {
    /**
     * @param root the driver's root directory, {@code <data-root>/storage/<driver-name>}; created if needed
     * @return the opened driver
     * @throws io.berth.common.errors.InternalException if the root cannot be set up
     */
    StorageDriver open(Path root);
}
