package io.berth.storage.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import io.berth.storage.StorageLayout;
import io.berth.storage.content.ContentStore;
import io.berth.storage.content.Digest;
import io.berth.storage.snapshot.StorageDriver;
import io.berth.storage.snapshot.vfs.VfsSnapshotter;
import io.berth.storage.testing.Fixtures;
import io.berth.storage.testing.RecordingEvents;
import io.berth.storage.testing.TestStores;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which layers and blobs nothing references, with two images sharing their base layer (vfs, no fixture). */
class LayerCollectorTest {
    static final List<byte[]> A = SyntheticImages.layers("base.txt", "a.txt");
    static final List<byte[]> B = SyntheticImages.layers("base.txt", "b-1.txt", "b-2.txt");

    @TempDir
    Path tmp;
    StorageDriver driver;
    ImageIndex index;
    ContentStore content;
    LayerCollector collector;
    ImageRecord b;
    List<Digest> chainB;

    @BeforeEach
    void setUp() {
        Fixtures.requireRoot();
        StorageLayout layout = new StorageLayout(tmp.resolve("data"));
        driver = new VfsSnapshotter(layout.driverRoot("vfs"));
        Injector i = TestStores.injector(layout, driver, new RecordingEvents());
        i.getInstance(StoreRecovery.class).recover();
        ImageStore store = i.getInstance(ImageStore.class);
        store.load(new ByteArrayInputStream(SyntheticImages.archive("a:1", A)));
        store.load(new ByteArrayInputStream(SyntheticImages.archive("b:1", B)));
        index = i.getInstance(ImageIndex.class);
        content = i.getInstance(ContentStore.class);
        collector = i.getInstance(LayerCollector.class);
        b = index.image(store.get("b:1").id()).orElseThrow();
        chainB = b.chainIds();
    }

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.close();
        }
    }

    private void unindex(ImageRecord image, String tag) {
        index.update(e -> {
            e.removeTag(tag);
            e.removeImage(image.id());
        });
    }

    @Test
    void references_areEveryImagesConfigDiffIdsAndChainIds() {
        LayerCollector.References r = collector.references();

        assertEquals(2, r.configs().size());
        assertEquals(4, r.diffIds().size(), "base.txt is one layer of both");
        assertEquals(4, r.chainIds().size());
        assertTrue(r.chainIds().containsAll(chainB));
    }

    @Test
    void releaseImage_removesItsOwnLayersTopDownAndKeepsTheSharedBase() {
        unindex(b, "b:1");
        List<DeleteItem> items = new ArrayList<>();

        collector.releaseImage(b, items);

        assertEquals(List.of(DeleteItem.deleted(chainB.get(2).toString()), DeleteItem.deleted(chainB.get(1).toString())),
                items);
        assertTrue(driver.exists(chainB.get(0).toString()));
        assertTrue(content.exists(b.diffIds().get(0)));
        assertFalse(content.exists(b.diffIds().get(1)));
        assertFalse(content.exists(b.diffIds().get(2)));
        assertFalse(content.exists(b.id()));
    }

    @Test
    void releaseImage_stopsAtALayerAContainerStandsOn() {
        driver.prepare("container", chainB.get(1).toString(), Map.of());
        unindex(b, "b:1");
        List<DeleteItem> items = new ArrayList<>();

        collector.releaseImage(b, items);

        assertEquals(List.of(DeleteItem.deleted(chainB.get(2).toString())), items);
        assertTrue(driver.exists(chainB.get(1).toString()));
        assertFalse(content.exists(b.diffIds().get(1)), "the blob goes: the unpacked layer is what the container needs");
        driver.remove("container");
    }

    @Test
    void releaseUnusedParents_removesTheLayersOnlyARemovedContainerKept() {
        driver.prepare("container", chainB.get(2).toString(), Map.of());
        unindex(b, "b:1");
        collector.releaseImage(b, new ArrayList<>());
        driver.remove("container");

        collector.releaseUnusedParents(chainB.get(2).toString());

        assertFalse(driver.exists(chainB.get(2).toString()));
        assertFalse(driver.exists(chainB.get(1).toString()));
        assertTrue(driver.exists(chainB.get(0).toString()), "a:1 uses the base layer");
    }

    @Test
    void collectOrphans_leavesSnapshotsTheStoreDidNotUnpack() {
        driver.prepare("scratch", "", Map.of());
        driver.commit("plain", "scratch");
        unindex(b, "b:1");

        LayerCollector.Collected c = collector.collectOrphans();

        assertEquals(List.of(chainB.get(2).toString(), chainB.get(1).toString()), c.snapshots(),
                "children first");
        assertTrue(driver.exists("plain"), "a committed snapshot without the layer label is not the store's");
        assertEquals(3, c.blobs().size());
    }
}
