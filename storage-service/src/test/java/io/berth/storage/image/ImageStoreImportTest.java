package io.berth.storage.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.json.Json;
import io.berth.storage.StorageLayout;
import io.berth.storage.content.Digest;
import io.berth.storage.snapshot.SnapshotInfo;
import io.berth.storage.snapshot.StorageDriver;
import io.berth.storage.snapshot.vfs.VfsSnapshotter;
import io.berth.storage.testing.Fixtures;
import io.berth.storage.testing.RecordingEvents;
import io.berth.storage.testing.TarBuilder;
import io.berth.storage.testing.TestStores;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker import: a root filesystem tar becomes a one-layer image (moby daemon/images/image_import.go). */
class ImageStoreImportTest {
    @TempDir
    Path tmp;
    StorageLayout layout;
    StorageDriver driver;
    ImageStore store;
    final RecordingEvents events = new RecordingEvents();

    @BeforeEach
    void setUp() {
        Fixtures.requireRoot();
        layout = new StorageLayout(tmp.resolve("data"));
        driver = new VfsSnapshotter(layout.driverRoot("vfs"));
        store = TestStores.open(layout, driver, events);
    }

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.close();
        }
    }

    private Digest importBytes(byte[] tar, ImportOptions o) throws IOException {
        try (ArchiveUpload u = store.beginLoad()) {
            u.write(tar, 0, tar.length);
            return u.importAs(o);
        }
    }

    private static ImportOptions opts(String repo, String message, String... changes) {
        return new ImportOptions(repo, "", message, List.of(changes), "", "-");
    }

    @Test
    void import_gzipTar_makesOneLayerImageWithChangesCommentAndEvents() throws IOException {
        byte[] tar = new TarBuilder().dir("bin", 0755).file("bin/hello", "hi", 0755).build();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(tar);
        }

        Digest id = importBytes(gz.toByteArray(), opts("mine", "", "CMD [\"/bin/hello\"]", "ENV A=b"));

        ImageInfo i = store.get("mine:latest");
        assertEquals(id, i.id());
        assertEquals(List.of(Digest.sha256(tar)), i.diffIds(), "the diff ID is the uncompressed tar's digest");
        JsonNode config = Json.MAPPER.readTree(i.configJson());
        assertEquals("Imported from -", config.get("comment").asText());
        assertEquals("Imported from -", config.get("history").get(0).get("comment").asText());
        assertEquals("[\"/bin/hello\"]", config.get("config").get("Cmd").toString());
        assertEquals("[\"A=b\"]", config.get("config").get("Env").toString());
        assertEquals("linux", config.get("os").asText());
        assertEquals(List.of("tag " + id, "import " + id), events.events);
        assertEquals("mine:latest", events.attributes.get(0).get("name"));
        assertTrue(driver.exists(i.topChainId().toString()), "the layer is unpacked under its chain ID");
    }

    @Test
    void import_messageTagAndPlatform() throws IOException {
        byte[] tar = new TarBuilder().file("f", "x", 0644).build();

        Digest id = importBytes(tar, new ImportOptions("a/b:1", "", "my message", List.of(), "linux/arm64/v8", "-"));

        JsonNode config = Json.MAPPER.readTree(store.get("a/b:1").configJson());
        assertEquals(id, store.get("a/b:1").id());
        assertEquals("my message", config.get("comment").asText());
        assertEquals("arm64", config.get("architecture").asText());
        assertEquals("v8", config.get("variant").asText());
        Digest other = importBytes(tar, new ImportOptions("a/b", "2", "", List.of(), "", "-"));
        assertEquals(other, store.get("a/b:2").id());
    }

    @Test
    void import_badInput_isRefusedAndLeavesNothing() throws IOException {
        byte[] tar = new TarBuilder().file("f", "x", 0644).build();
        List<SnapshotInfo> before = snapshots();

        assertEquals("run is not a valid change command", assertThrows(InvalidArgumentException.class,
                () -> importBytes(tar, opts("x", "", "RUN true"))).getMessage());
        assertEquals("operating system is not supported", assertThrows(InvalidArgumentException.class,
                () -> importBytes(tar, new ImportOptions("x", "", "", List.of(), "windows", "-"))).getMessage());
        assertThrows(InvalidArgumentException.class, () -> importBytes(tar, opts("Bad/Name", "")));
        assertThrows(InvalidArgumentException.class,
                () -> importBytes(new TarBuilder().file("../escape", "x", 0644).build(), opts("x", "")));

        assertEquals(before, snapshots());
        assertEquals(List.of(), store.list(Map.of()));
        assertEquals(List.of(), events.events);
        try (var s = Files.list(layout.content().resolve("blobs/sha256"))) {
            assertEquals(0, s.count(), "no blob left behind");
        } catch (java.nio.file.NoSuchFileException e) {
            // no blob directory at all: nothing left behind either
        }
    }

    private List<SnapshotInfo> snapshots() {
        List<SnapshotInfo> all = new ArrayList<>();
        driver.walk(all::add);
        return all;
    }
}
