package io.berth.storage.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.fs.AtomicFiles;
import io.berth.common.testing.DeepTrees;
import io.berth.storage.StorageLayout;
import io.berth.storage.content.ContentStore;
import io.berth.storage.snapshot.SnapshotInfo;
import io.berth.storage.snapshot.StorageDriver;
import io.berth.storage.snapshot.vfs.VfsSnapshotter;
import io.berth.storage.testing.Fixtures;
import io.berth.storage.testing.RecordingEvents;
import io.berth.storage.testing.TarBuilder;
import io.berth.storage.testing.TestStores;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of issue 11's Safety section through the image store: a layer with a path Linux cannot name is
 * a 400 before any snapshot is made, and whatever an earlier failure left (trees deeper than PATH_MAX in the
 * driver's, the upload and the ingest directories) never stops the next start.
 */
class HostileLoadTest {
    @TempDir
    Path tmp;
    StorageLayout layout;
    StorageDriver driver;
    final RecordingEvents events = new RecordingEvents();

    @BeforeEach
    void setUp() {
        Fixtures.requireRoot();
        layout = new StorageLayout(tmp.resolve("data"));
        driver = new VfsSnapshotter(layout.driverRoot("vfs"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (driver != null) {
            driver.close();
        }
        AtomicFiles.deleteTree(tmp.resolve("data")); // by descriptor: JUnit's clean-up is quadratic in depth
    }

    private Injector start() {
        Injector i = TestStores.injector(layout, driver, events);
        i.getInstance(StoreRecovery.class).recover();
        return i;
    }

    private List<String> snapshots() {
        List<String> names = new ArrayList<>();
        driver.walk((SnapshotInfo s) -> names.add(s.name()));
        return names;
    }

    @Test
    void aLayerWithA6000CharacterPath_isA400BeforeAnySnapshot_andTheNextStartIsClean() throws Exception {
        Injector first = start();
        String longPath = ("a".repeat(199) + "/").repeat(30) + "pwned";
        byte[] layer = new TarBuilder().file("first", "1", 0644).file(longPath, "x", 0644).build();
        byte[] archive = SyntheticImages.archive("evil:1", List.of(layer));

        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> first.getInstance(ImageStore.class).load(new ByteArrayInputStream(archive)));

        assertTrue(e.getMessage().contains("PATH_MAX"), e.getMessage());
        assertTrue(e.getMessage().length() < 600, "the 6 000 characters are not repeated: " + e.getMessage());
        assertEquals(List.of(), snapshots());
        assertEquals(List.of(), first.getInstance(ContentStore.class).list());
        assertEquals(0, layout.driverRoot("vfs").resolve("snapshots").toFile().list().length,
                "no snapshot directory was ever made for it");
        driver.close();
        driver = new VfsSnapshotter(layout.driverRoot("vfs"));
        start();
        assertEquals(List.of(), snapshots());
    }

    @Test
    void leftoversDeeperThanPathMax_areRemovedAtTheNextStart_whateverTheirNames() throws Exception {
        start();
        driver.close();
        Path snapshots = layout.driverRoot("vfs").resolve("snapshots");
        Path[] leftovers = {
            Files.createDirectory(snapshots.resolve("rm-7")),
            Files.createDirectory(snapshots.resolve("new-123")),
            Files.createDirectory(snapshots.resolve("42")),
            Files.createDirectory(layout.tmp().resolve("load-x.tar.d")),
        };
        for (Path p : leftovers) {
            DeepTrees.nest(p, "n".repeat(250), 40, true);
            DeepTrees.nest(p, "x", 3000, false);
        }

        driver = new VfsSnapshotter(layout.driverRoot("vfs"));
        start();

        for (Path p : leftovers) {
            assertFalse(Files.exists(p), p + " is gone");
        }
        assertEquals(List.of(), snapshots());
    }

    @Test
    void aLayerOf2000NestedDirectories_loads() {
        Injector first = start();
        byte[] layer = TarBuilder.nestedDirectories(2000);

        LoadResult r = first.getInstance(ImageStore.class).load(new ByteArrayInputStream(
                SyntheticImages.archive("deep:1", List.of(layer))));

        assertEquals(1, snapshots().size());
        assertEquals(List.of("deep:1"), r.loaded());
    }
}
