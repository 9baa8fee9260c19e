package io.berth.storage.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import io.berth.storage.StorageLayout;
import io.berth.storage.content.ContentStore;
import io.berth.storage.content.Digest;
import io.berth.storage.snapshot.SnapshotInfo;
import io.berth.storage.snapshot.StorageDriver;
import io.berth.storage.snapshot.vfs.VfsSnapshotter;
import io.berth.storage.testing.Fixtures;
import io.berth.storage.testing.RecordingEvents;
import io.berth.storage.testing.TestStores;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start step: what a load or delete interrupted by a crash left is gone after {@link StoreRecovery#recover()},
 * and nothing an image or a container still uses. Each "restart" is a new injector on the same data root.
 */
class StoreRecoveryTest {
    static final List<byte[]> KEPT = SyntheticImages.layers("base.txt", "kept.txt");
    static final List<byte[]> LOST = SyntheticImages.layers("base.txt", "lost-1.txt", "lost-2.txt");

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
    void tearDown() {
        if (driver != null) {
            driver.close();
        }
    }

    private Injector restart() {
        Injector i = TestStores.injector(layout, driver, events);
        i.getInstance(StoreRecovery.class).recover();
        return i;
    }

    private Set<String> snapshots() {
        Set<String> names = new HashSet<>();
        driver.walk((SnapshotInfo s) -> names.add(s.name()));
        return names;
    }

    private Set<Digest> blobs(Injector i) {
        return new HashSet<>(i.getInstance(ContentStore.class).list());
    }

    private static Set<String> chainNames(List<byte[]> layers) {
        Set<String> out = new HashSet<>();
        ChainIds.of(SyntheticImages.diffIds(layers)).forEach(c -> out.add(c.toString()));
        return out;
    }

    @Test
    void recover_afterALoadStoppedBeforeItsIndexUpdate_removesWhatThatLoadStoredOnly() throws IOException {
        Injector first = restart();
        first.getInstance(ImageStore.class).load(new ByteArrayInputStream(SyntheticImages.archive("kept:1", KEPT)));
        Set<Digest> keptBlobs = blobs(first);
        Path archive = tmp.resolve("lost.tar");
        Files.write(archive, SyntheticImages.archive("lost:1", LOST));
        first.getInstance(ImageLoader.class).load(archive);
        driver.prepare(LayerUnpacker.EXTRACT_PREFIX + "interrupted", "", Map.of());
        Files.writeString(layout.tmp().resolve("load-interrupted.tar"), "partial upload");
        assertEquals(5, snapshots().size(), "kept: 2 layers; lost: 2 more layers and an extraction");

        Injector second = TestStores.injector(layout, driver, events);
        LayerCollector.Collected collected = second.getInstance(StoreRecovery.class).recover();

        assertEquals(chainNames(KEPT), snapshots());
        assertEquals(keptBlobs, blobs(second));
        List<Digest> lostChain = ChainIds.of(SyntheticImages.diffIds(LOST));
        assertEquals(Set.of(lostChain.get(1).toString(), lostChain.get(2).toString()),
                Set.copyOf(collected.snapshots()), "the shared base layer stays for kept:1");
        assertEquals(3, collected.blobs().size(), "its config and its two own layer blobs");
        assertEquals(Set.of(), Set.of(layout.tmp().toFile().list()));
        assertEquals(List.of("kept:1"), second.getInstance(ImageStore.class).get("kept:1").repoTags());
    }

    @Test
    void recover_afterADeleteStoppedAfterItsIndexUpdate_removesTheImagesLayersAndBlobs() {
        Injector first = restart();
        ImageStore store = first.getInstance(ImageStore.class);
        store.load(new ByteArrayInputStream(SyntheticImages.archive("kept:1", KEPT)));
        Set<Digest> keptBlobs = blobs(first);
        store.load(new ByteArrayInputStream(SyntheticImages.archive("lost:1", LOST)));
        Digest lost = store.get("lost:1").id();
        first.getInstance(ImageIndex.class).update(e -> {
            e.removeTag("lost:1");
            e.removeImage(lost);
        });

        Injector second = TestStores.injector(layout, driver, events);
        LayerCollector.Collected collected = second.getInstance(StoreRecovery.class).recover();

        assertEquals(chainNames(KEPT), snapshots());
        assertEquals(keptBlobs, blobs(second));
        List<Digest> lostChain = ChainIds.of(SyntheticImages.diffIds(LOST));
        assertEquals(Set.of(lostChain.get(1).toString(), lostChain.get(2).toString()),
                Set.copyOf(collected.snapshots()));
        assertEquals(3, collected.blobs().size(), "the config and the two layer blobs only it used");
        assertTrue(collected.blobs().contains(lost));
    }

    @Test
    void recover_keepsTheLayersAContainerStandsOn_evenWithoutTheirImage() {
        Injector first = restart();
        ImageStore store = first.getInstance(ImageStore.class);
        store.load(new ByteArrayInputStream(SyntheticImages.archive("lost:1", LOST)));
        ImageInfo image = store.get("lost:1");
        driver.prepare("container", image.topChainId().toString(), Map.of());
        first.getInstance(ImageIndex.class).update(e -> {
            e.removeTag("lost:1");
            e.removeImage(image.id());
        });

        Injector second = TestStores.injector(layout, driver, events);
        LayerCollector.Collected collected = second.getInstance(StoreRecovery.class).recover();

        Set<String> expected = new HashSet<>(chainNames(LOST));
        expected.add("container");
        assertEquals(expected, snapshots());
        assertEquals(List.of(), collected.snapshots());
        assertEquals(Set.of(), blobs(second), "no image references the blobs any more");
        assertFalse(second.getInstance(ContentStore.class).exists(image.id()));
        driver.remove("container");
    }

    @Test
    void recover_onAnEmptyDataRoot_createsTheStoreDirectories() {
        LayerCollector.Collected collected = TestStores.injector(layout, driver, events)
                .getInstance(StoreRecovery.class).recover();

        assertTrue(Files.isDirectory(layout.tmp()));
        assertTrue(Files.isDirectory(layout.images()));
        assertEquals(new LayerCollector.Collected(List.of(), List.of()), collected);
    }
}
