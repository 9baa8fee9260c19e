package io.berth.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.ProvisionException;
import com.google.inject.TypeLiteral;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.storage.image.ImageStore;
import io.berth.storage.image.StoreRecovery;
import io.berth.storage.snapshot.StorageDriver;
import io.grpc.BindableService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageModuleTest {
    @TempDir
    Path tmp;

    private Injector injector(String driver) {
        return Guice.createInjector(new StorageModule(new StorageOptions(tmp.resolve("s.sock"), tmp.resolve("data"),
                driver, null)));
    }

    @Test
    void injector_vfs_wiresEveryServiceOnTheLayout() {
        Injector i = injector("vfs");

        Set<BindableService> services = i.getInstance(Key.get(new TypeLiteral<Set<BindableService>>() { }));
        i.getInstance(ImageStore.class);
        i.getInstance(StoreRecovery.class).recover();

        assertEquals(Set.of("berth.storage.v1.Images", "berth.storage.v1.Snapshots", "berth.storage.v1.Distribution"), services.stream()
                .map(s -> s.bindService().getServiceDescriptor().getName()).collect(Collectors.toSet()));
        assertEquals("vfs", i.getInstance(StorageDriver.class).name());
        assertTrue(Files.isDirectory(tmp.resolve("data/storage/vfs/snapshots")));
        assertTrue(Files.isDirectory(tmp.resolve("data/storage/content/blobs/sha256")));
        assertTrue(Files.isDirectory(tmp.resolve("data/storage/images")));
    }

    @Test
    void injector_unknownDriver_failsWithTheSupportedNames() {
        ProvisionException e = assertThrows(ProvisionException.class,
                () -> injector("aufs").getInstance(StorageDriver.class));

        assertTrue(e.getCause() instanceof InvalidArgumentException);
        assertEquals("unknown storage driver \"aufs\" (supported: overlay2, vfs)", e.getCause().getMessage());
    }
}
