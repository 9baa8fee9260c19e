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
                () -> injector("nosuch").getInstance(StorageDriver.class));

        assertTrue(e.getCause() instanceof InvalidArgumentException);
        assertEquals("unknown storage driver \"nosuch\" (supported: btrfs, overlay2, vfs)", e.getCause().getMessage());
    }

    @Test
    void injector_dockerdDriversBerthLacks_areRefusedWithTheReason() {
        for (String name : new String[] {"aufs", "devicemapper", "zfs"}) {
            ProvisionException e = assertThrows(ProvisionException.class,
                    () -> injector(name).getInstance(StorageDriver.class));

            assertTrue(e.getCause() instanceof InvalidArgumentException);
            assertTrue(e.getCause().getMessage().startsWith("storage driver " + name + " is not supported: "),
                    e.getCause().getMessage());
        }
    }

    @Test
    void injector_btrfsOffBtrfs_isRefusedNamingTheFilesystem() {
        ProvisionException e = assertThrows(ProvisionException.class,
                () -> injector("btrfs").getInstance(StorageDriver.class));

        assertTrue(e.getCause().getMessage().contains("prerequisites for driver not satisfied (wrong filesystem?)"),
                e.getCause().getMessage());
    }

    @Test
    void injector_anotherDriverOnADataRootWithLayers_isRefusedNamingBoth() {
        io.berth.storage.testing.Fixtures.requireRoot();
        StorageDriver vfs = injector("vfs").getInstance(StorageDriver.class);
        vfs.prepare("layer", "", java.util.Map.of());
        vfs.close();

        ProvisionException e = assertThrows(ProvisionException.class,
                () -> injector("overlay2").getInstance(StorageDriver.class));

        String m = e.getCause().getMessage();
        assertTrue(m.startsWith("storage driver overlay2 was asked for, but the data root "), m);
        assertTrue(m.contains("holds images and containers of storage driver vfs"), m);
        assertEquals("vfs", injector("vfs").getInstance(StorageDriver.class).name(), "vfs still opens");
    }
}
