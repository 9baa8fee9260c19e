package io.berth.storage.image;

import static io.berth.storage.image.ImageStoreTest.BUSYBOX_ID;
import static io.berth.storage.image.ImageStoreTest.MULTILAYER_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.ConflictException;
import io.berth.common.errors.NotFoundException;
import io.berth.storage.content.Digest;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Docker's image delete through the store ({@link ImageDeleter}, and {@link LayerCollector} for the layers it
 * releases), with both fixture images loaded (overlay2).
 */
class ImageStoreDeleteTest extends FixtureStoreTest {
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
}
