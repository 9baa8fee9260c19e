package io.berth.storage.image;

import static io.berth.storage.image.ImageStoreTest.BUSYBOX_ID;
import static io.berth.storage.image.ImageStoreTest.MULTILAYER_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.storage.content.Digest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Resolving, listing and tagging, with both fixture images loaded (overlay2). */
class ImageStoreQueriesTest extends FixtureStoreTest {
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
