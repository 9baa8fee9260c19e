package io.berth.storage.image;

import static io.berth.storage.image.ImageStoreTest.BUSYBOX_ID;
import static io.berth.storage.image.ImageStoreTest.MULTILAYER_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.ConflictException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.storage.StorageLayout;
import io.berth.storage.content.Digest;
import io.berth.storage.snapshot.StorageDriver;
import io.berth.storage.snapshot.overlay.OverlaySnapshotter;
import io.berth.storage.testing.Fixtures;
import io.berth.storage.testing.RecordingEvents;
import io.berth.storage.testing.TestStores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Resolving, listing, tagging and deleting, with both fixture images loaded (overlay2). */
class ImageStoreQueriesTest {
    static final String CONTAINER = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    Path tmp;
    StorageLayout layout;
    StorageDriver driver;
    ImageStore store;
    final RecordingEvents events = new RecordingEvents();
    Digest busyboxChain;

    @BeforeEach
    void setUp() throws IOException {
        Fixtures.assumeRoot();
        layout = new StorageLayout(tmp.resolve("data"));
        driver = new OverlaySnapshotter(layout.driverRoot("overlay2"));
        store = TestStores.open(layout, driver, events);
        for (String f : List.of(ImageStoreTest.BUSYBOX, ImageStoreTest.MULTILAYER)) {
            try (InputStream in = Files.newInputStream(Fixtures.image(f))) {
                store.load(in);
            }
        }
        busyboxChain = store.get("fixture/busybox:1").topChainId();
        events.clear();
    }

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixture/busybox:1", "docker.io/fixture/busybox:1",
        "sha256:eb6c9cccd3c3e8edb4f979950e80df3aed5e761e7f102b86b268f4a27665b2bf",
        "eb6c9cccd3c3e8edb4f979950e80df3aed5e761e7f102b86b268f4a27665b2bf", "eb6c9cccd3c3", "e", "sha256:eb6c"})
    void get_dockersReferenceForms_resolveToTheImage(String ref) {
        assertEquals(BUSYBOX_ID, store.get(ref).id());
    }

    @Test
    void get_unknown_isNotFoundWithDockersMessage() {
        assertEquals("No such image: fixture/busybox:2",
                assertThrows(NotFoundException.class, () -> store.get("fixture/busybox:2")).getMessage());
        assertEquals("No such image: fixture/busybox:latest",
                assertThrows(NotFoundException.class, () -> store.get("fixture/busybox")).getMessage());
        assertEquals("No such image: sha256:" + "0".repeat(64),
                assertThrows(NotFoundException.class, () -> store.get("0".repeat(64))).getMessage());
        assertThrows(InvalidArgumentException.class, () -> store.get("Not/Valid"));
    }

    @Test
    void get_overlay2_givesDockersGraphDriverData() {
        ImageInfo i = store.get("fixture/multilayer:1");

        assertEquals("overlay2", i.driver());
        assertEquals(5, i.driverData().get("LowerDir").split(":").length);
        assertTrue(i.driverData().get("UpperDir").startsWith(layout.driverRoot("overlay2").toString()));
        assertEquals("multilayer", i.labels().get("org.example.fixture"));
    }

    @Test
    void tag_addsATagAndPublishesTheEvent() {
        store.tag("fixture/busybox:1", "docker.io/library/bb");

        assertEquals(BUSYBOX_ID, store.get("bb").id());
        assertEquals(List.of("bb:latest", "fixture/busybox:1"), store.get(BUSYBOX_ID.toString()).repoTags());
        assertEquals(List.of("tag " + BUSYBOX_ID), events.events);
        assertEquals("bb:latest", events.attributes.get(0).get("name"));
        assertTrue(store.get("bb").lastTagTime() != null);
        assertThrows(InvalidArgumentException.class, () -> store.tag("bb", "bb@sha256:" + "a".repeat(64)));
        assertThrows(NotFoundException.class, () -> store.tag("nope", "bb:2"));
    }

    @Test
    void list_filtersLikeDocker() {
        store.tag("fixture/busybox:1", "other/bb:1");

        assertEquals(2, store.list(Map.of()).size());
        assertEquals(2, store.list(Map.of("reference", List.of("fixture/*"))).size());
        List<ImageInfo> bb = store.list(Map.of("reference", List.of("fixture/busybox")));
        assertEquals(List.of("fixture/busybox:1"), bb.get(0).repoTags(), "only matching tags are shown");
        assertEquals(List.of(MULTILAYER_ID), ids(store.list(Map.of("label", List.of("org.example.fixture=multilayer")))));
        assertEquals(List.of(), store.list(Map.of("label", List.of("org.example.fixture=multilayer", "nope"))));
        assertEquals(List.of(), store.list(Map.of("dangling", List.of("true"))));
        assertEquals(2, store.list(Map.of("dangling", List.of("false"))).size());
        assertThrows(InvalidArgumentException.class, () -> store.list(Map.of("colour", List.of("red"))));
    }

    @Test
    void list_sinceAndBefore_compareCreationTimes() {
        ImageInfo busybox = store.get("fixture/busybox:1");
        ImageInfo multi = store.get("fixture/multilayer:1");
        ImageInfo older = busybox.created().isBefore(multi.created()) ? busybox : multi;
        ImageInfo newer = older == busybox ? multi : busybox;

        assertEquals(List.of(newer.id()), ids(store.list(Map.of("since", List.of(older.id().toString())))));
        assertEquals(List.of(older.id()), ids(store.list(Map.of("before", List.of(newer.id().toString())))));
    }

    @Test
    void delete_tagOfAnImageWithTwoTags_onlyUntags() {
        store.tag("fixture/busybox:1", "extra:1");
        events.clear();

        List<DeleteItem> items = store.delete("extra:1", false, List.of());

        assertEquals(List.of(DeleteItem.untagged("extra:1")), items);
        assertEquals(BUSYBOX_ID, store.get("fixture/busybox:1").id());
        assertEquals(List.of("untag " + BUSYBOX_ID), events.events);
    }

    @Test
    void delete_idOfAnImageWithTwoTags_needsForce() {
        store.tag("fixture/busybox:1", "extra:1");

        ConflictException e = assertThrows(ConflictException.class,
                () -> store.delete(BUSYBOX_ID.toString(), false, List.of()));
        List<DeleteItem> items = store.delete(BUSYBOX_ID.toString(), true, List.of());

        assertEquals("conflict: unable to delete eb6c9cccd3c3 (must be forced) - image is referenced in multiple "
                + "repositories", e.getMessage());
        assertEquals(List.of(DeleteItem.untagged("extra:1"), DeleteItem.untagged("fixture/busybox:1"),
                DeleteItem.deleted(BUSYBOX_ID.toString())), items);
        assertThrows(NotFoundException.class, () -> store.get(BUSYBOX_ID.toString()));
        assertTrue(driver.exists(busyboxChain.toString()), "the base layer is still used by fixture/multilayer:1");
    }

    @Test
    void delete_lastImageOfALayerStack_removesSnapshotsAndBlobs() {
        List<DeleteItem> items = store.delete("fixture/multilayer:1", false, List.of());
        List<Digest> chain = ChainIds.of(ImageStoreTest.MULTILAYER_DIFF_IDS);

        assertEquals(DeleteItem.untagged("fixture/multilayer:1"), items.get(0));
        assertEquals(DeleteItem.deleted(MULTILAYER_ID.toString()), items.get(1));
        assertEquals(DeleteItem.deleted(chain.get(5).toString()), items.get(2));
        assertEquals(7, items.size(), "untag, image, 5 own layers; the base layer is busybox's");
        assertFalse(driver.exists(chain.get(1).toString()));
        assertTrue(driver.exists(chain.get(0).toString()));
        assertFalse(Files.exists(layout.content().resolve("blobs/sha256").resolve(MULTILAYER_ID.hex())));
        assertFalse(Files.exists(layout.content().resolve("blobs/sha256")
                .resolve(ImageStoreTest.MULTILAYER_DIFF_IDS.get(5).hex())));
        assertTrue(Files.exists(layout.content().resolve("blobs/sha256")
                .resolve(ImageStoreTest.MULTILAYER_DIFF_IDS.get(0).hex())));
        assertEquals(List.of("untag " + MULTILAYER_ID, "delete " + MULTILAYER_ID), events.events);
        assertEquals(1, store.storageInfo().images());
    }

    @Test
    void delete_tagOfAnImageAContainerUses_isAConflictWithDockersMessage() {
        List<ImageUser> users = List.of(new ImageUser(CONTAINER, BUSYBOX_ID, false));

        ConflictException e = assertThrows(ConflictException.class,
                () -> store.delete("fixture/busybox:1", false, users));

        assertEquals("conflict: unable to remove repository reference \"fixture/busybox:1\" (must force) - container "
                + "0123456789ab is using its referenced image eb6c9cccd3c3", e.getMessage());
        assertEquals(List.of("fixture/busybox:1"), store.get(BUSYBOX_ID.toString()).repoTags());
    }

    @Test
    void delete_forcedWhileARunningContainerUsesIt_onlyUntags() {
        List<ImageUser> users = List.of(new ImageUser(CONTAINER, BUSYBOX_ID, true));

        List<DeleteItem> items = store.delete("fixture/busybox:1", true, users);

        assertEquals(List.of(DeleteItem.untagged("fixture/busybox:1")), items);
        assertEquals(List.of(), store.get(BUSYBOX_ID.toString()).repoTags());
        ConflictException e = assertThrows(ConflictException.class,
                () -> store.delete(BUSYBOX_ID.toString(), true, users));
        assertEquals("conflict: unable to delete eb6c9cccd3c3 (cannot be forced) - image is being used by running "
                + "container 0123456789ab", e.getMessage());
    }

    @Test
    void delete_forcedWhileAStoppedContainerHasItsRootfs_keepsTheLayerSnapshot() {
        store.delete("fixture/multilayer:1", false, List.of());
        driver.prepare(CONTAINER, busyboxChain.toString(), Map.of());
        List<ImageUser> users = List.of(new ImageUser(CONTAINER, BUSYBOX_ID, false));

        List<DeleteItem> items = store.delete(BUSYBOX_ID.toString(), true, users);

        assertEquals(List.of(DeleteItem.untagged("fixture/busybox:1"), DeleteItem.deleted(BUSYBOX_ID.toString())), items);
        assertTrue(driver.exists(busyboxChain.toString()), "the container's snapshot still needs its parent");
        driver.remove(CONTAINER);
    }

    @Test
    void storageInfo_reportsDriverImagesAndDataRoot() {
        StorageInfo info = store.storageInfo();

        assertEquals("overlay2", info.driver());
        assertEquals(2, info.images());
        assertEquals(layout.dataRoot().toString(), info.dataRoot());
        assertEquals("Backing Filesystem", info.driverStatus().get(0).getKey());
    }

    private static List<Digest> ids(List<ImageInfo> images) {
        return images.stream().map(ImageInfo::id).toList();
    }
}
