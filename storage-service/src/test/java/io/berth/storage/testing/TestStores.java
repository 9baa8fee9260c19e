package io.berth.storage.testing;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import io.berth.common.events.EventPublisher;
import io.berth.storage.StorageLayout;
import io.berth.storage.StorageModule;
import io.berth.storage.StorageOptions;
import io.berth.storage.image.ImageStore;
import io.berth.storage.image.StoreRecovery;
import io.berth.storage.snapshot.StorageDriver;

/**
 * The image store as storage-service wires it ({@link StorageModule}), on a test's data root, with the
 * test's driver and event publisher in place of the ones the options would make.
 */
public final class TestStores {
    private TestStores() {
    }

    /**
     * @param layout the data root
     * @param driver the opened storage driver (the test closes it)
     * @param events where image events go
     * @return the injector of storage-service's graph; nothing has run yet
     */
    public static Injector injector(StorageLayout layout, StorageDriver driver, EventPublisher events) {
        return injector(layout, driver, events, 0, b -> { });
    }

    /**
     * @param layout the data root
     * @param driver the opened storage driver (the test closes it)
     * @param events where image events go
     * @param maxLayerSize {@code --max-layer-size} in bytes, 0 for none
     * @param overrides more bindings that replace the module's
     * @return the injector of storage-service's graph; nothing has run yet
     */
    public static Injector injector(StorageLayout layout, StorageDriver driver, EventPublisher events,
                                    long maxLayerSize, com.google.inject.Module overrides) {
        StorageOptions options = new StorageOptions(layout.dataRoot().resolve("storage.sock"), layout.dataRoot(),
                driver.name(), null, java.util.List.of(), maxLayerSize);
        return Guice.createInjector(Modules.override(new StorageModule(options)).with(b -> {
            b.bind(StorageDriver.class).toInstance(driver);
            b.bind(EventPublisher.class).toInstance(events);
        }, overrides));
    }

    /**
     * Wires the store and runs its start step ({@link StoreRecovery#recover()}), as StorageMain does.
     *
     * @param layout the data root
     * @param driver the opened storage driver (the test closes it)
     * @param events where image events go
     * @return the recovered store, ready to use
     */
    public static ImageStore open(StorageLayout layout, StorageDriver driver, EventPublisher events) {
        Injector injector = injector(layout, driver, events);
        injector.getInstance(StoreRecovery.class).recover();
        return injector.getInstance(ImageStore.class);
    }
}
