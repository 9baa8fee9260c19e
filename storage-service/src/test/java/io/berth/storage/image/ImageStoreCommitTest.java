package io.berth.storage.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.ConflictException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.json.Json;
import io.berth.storage.StorageLayout;
import io.berth.storage.content.Digest;
import io.berth.storage.snapshot.StorageDriver;
import io.berth.storage.snapshot.vfs.VfsSnapshotter;
import io.berth.storage.testing.Fixtures;
import io.berth.storage.testing.RecordingEvents;
import io.berth.storage.testing.TarBuilder;
import io.berth.storage.testing.TestStores;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker commit, history, image prune and save on the store (vfs driver): the layer of a container
 * snapshot's changes with its whiteout, the config as moby's NewChildImage writes it, the parent link and
 * what history, rmi and prune make of it; save's legacy v1 IDs against the fixture dockerd saved.
 */
class ImageStoreCommitTest {
    @TempDir
    Path tmp;
    StorageLayout layout;
    StorageDriver driver;
    ImageStore store;
    final RecordingEvents events = new RecordingEvents();
    Digest base;

    @BeforeEach
    void setUp() throws IOException {
        Fixtures.requireRoot();
        layout = new StorageLayout(tmp.resolve("data"));
        driver = new VfsSnapshotter(layout.driverRoot("vfs"));
        store = TestStores.open(layout, driver, events);
        byte[] tar = new TarBuilder().dir("etc", 0755).file("etc/group", "root:x:0:\n", 0644)
                .file("etc/passwd", "root:x:0:0::/:/bin/sh\n", 0644).build();
        try (ArchiveUpload u = store.beginLoad()) {
            u.write(tar, 0, tar.length);
            base = u.importAs(new ImportOptions("base", "", "", List.of("CMD [\"sh\"]", "LABEL from=base"), "", "-"));
        }
    }

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.close();
        }
    }

    /** Prepares a container snapshot on the base image, as the engine does, and returns its tree. */
    private Path container(String key) {
        String top = store.get("base").topChainId().toString();
        return Path.of(driver.prepare(key, top, Map.of()).get(0).source());
    }

    private static CommitOptions opts(String key, String ref, String... changes) {
        String containerConfig = "{\"Hostname\":\"abc\",\"User\":\"nobody\",\"Env\":[\"PATH=/bin\"],"
                + "\"Cmd\":[\"sh\",\"-c\",\"echo hi > /hello\"],\"Image\":\"base\",\"Labels\":{\"c\":\"1\"}}";
        return new CommitOptions(key, "", containerConfig.getBytes(StandardCharsets.UTF_8), new byte[0],
                List.of(changes), "me", "msg", ref);
    }

    private CommitOptions withParent(CommitOptions o) {
        return new CommitOptions(o.containerId(), base.toString(), o.containerConfigJson(), o.configJson(),
                o.changes(), o.author(), o.comment(), o.reference());
    }

    @Test
    void commit_storesTheChangesAsALayerWithAWhiteout_andAChildConfig() throws Exception {
        Path root = container("c1");
        Files.writeString(root.resolve("hello"), "hi\n");
        Files.delete(root.resolve("etc/group"));
        events.clear();

        Digest id = store.commit(withParent(opts("c1", "mine:1", "ENV A=1")), "c1name", "base", Map.of("c", "1"));

        ImageInfo i = store.get("mine:1");
        assertEquals(id, i.id());
        assertEquals(base, i.parent());
        assertEquals(2, i.diffIds().size());
        Map<String, TarArchiveEntry> layer = entries(i.diffIds().get(1));
        assertTrue(layer.containsKey("etc/.wh.group") && layer.containsKey("hello"), layer.keySet().toString());
        JsonNode config = Json.MAPPER.readTree(i.configJson());
        List<String> keys = new ArrayList<>();
        config.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("architecture", "author", "comment", "config", "container", "container_config",
                "created", "docker_version", "history", "os", "rootfs"), keys, "sorted, as moby's Image.MarshalJSON");
        JsonNode c = config.get("config");
        assertEquals("[\"A=1\",\"PATH=/bin\"]", c.get("Env").toString());
        assertEquals("[\"sh\",\"-c\",\"echo hi > /hello\"]", c.get("Cmd").toString(), "the container's Cmd");
        assertEquals("nobody", c.get("User").asText());
        assertEquals("", c.get("Hostname").asText(), "not merged from the container");
        assertEquals("{\"c\":\"1\"}", c.get("Labels").toString());
        assertEquals("c1", config.get("container").asText());
        JsonNode last = config.get("history").get(1);
        assertEquals("sh -c echo hi > /hello", last.get("created_by").asText());
        assertEquals("msg", last.get("comment").asText());
        assertEquals(List.of("tag " + id, "commit c1"), events.events);
        assertEquals("mine:1", events.attributes.get(1).get("imageRef"));
        assertEquals("c1name", events.attributes.get(1).get("name"));

        List<HistoryItem> h = store.history("mine:1");
        assertEquals(2, h.size());
        assertEquals(id.toString(), h.get(0).id());
        assertEquals(3, h.get(0).sizeBytes(), "the new layer holds the 3 bytes of /hello");
        assertEquals(base.toString(), h.get(1).id(), "the parent link names the base image");
        assertEquals(List.of("base:latest"), h.get(1).tags());

        ConflictException e = assertThrows(ConflictException.class, () -> store.delete(base.hex(), false, List.of()));
        assertTrue(e.getMessage().contains("image has dependent child images"), e.getMessage());
    }

    @Test
    void commit_ofAnUnchangedContainer_addsAnEmptyLayerHistoryEntry() throws Exception {
        container("c2");
        Digest id = store.commit(withParent(opts("c2", "")), "c2", "base", Map.of());
        ImageInfo i = store.get(id.toString());
        assertEquals(1, i.diffIds().size());
        JsonNode last = Json.MAPPER.readTree(i.configJson()).get("history").get(1);
        assertTrue(last.get("empty_layer").asBoolean(), last.toString());
        assertEquals(List.of(), i.repoTags());
        assertThrows(InvalidArgumentException.class,
                () -> store.commit(withParent(opts("c2", "", "FROM x")), "c2", "base", Map.of()));
        assertEquals(2, store.list(Map.of()).size(), "a refused commit leaves nothing");
    }

    @Test
    void prune_removesDanglingImagesOnly_andCountsTheirLayers() throws Exception {
        Path root = container("c3");
        Files.write(root.resolve("blob"), new byte[1000]);
        Digest first = store.commit(withParent(opts("c3", "p:1")), "c3", "base", Map.of());
        Files.write(root.resolve("blob"), new byte[500]);
        Digest second = store.commit(withParent(opts("c3", "p:1")), "c3", "base", Map.of());
        driver.remove("c3");
        Digest firstLayer = store.get(first.toString()).topChainId();

        ImagePruner.Result r = store.prune(Map.of(), List.of());

        assertEquals(List.of(DeleteItem.deleted(first.toString()), DeleteItem.deleted(firstLayer.toString())),
                r.deleted());
        assertEquals(1000, r.reclaimedBytes(), "the first commit's layer");
        assertEquals(second, store.get("p:1").id());
        assertTrue(events.events.contains("prune "), events.events.toString());
        assertThrows(InvalidArgumentException.class, () -> store.prune(Map.of("nosuch", List.of("1")), List.of()));
        ImagePruner.Result none = store.prune(Map.of("dangling", List.of("false"), "label", List.of("nosuch=1")),
                List.of());
        assertEquals(List.of(), none.deleted(), "no image has the label");
    }

    @Test
    void saveV1Ids_areMobysCreateId() {
        // fixture/multilayer:1's bottom layer as dockerd 20.10 saved it (fixtures/images/README.md)
        assertEquals("73f30cbe8fee89195096f159972139b68413b8915e201ae7756efce2f9dc442b",
                ImageSaver.v1Id(ImageSaver.lowerV1(),
                        new Digest("8d2edd72894ee87cfea3be6bd93574abebfbaa658f9a1691f1b98c808f48dd50"), null));
    }

    private Map<String, TarArchiveEntry> entries(Digest diffId) throws IOException {
        Map<String, TarArchiveEntry> out = new java.util.LinkedHashMap<>();
        byte[] blob = Files.readAllBytes(layout.content().resolve("blobs/sha256").resolve(diffId.hex()));
        try (InputStream in = new ByteArrayInputStream(blob); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = t.getNextTarEntry(); e != null; e = t.getNextTarEntry()) {
                out.put(e.getName().replaceAll("/$", ""), e);
            }
        }
        return out;
    }
}
