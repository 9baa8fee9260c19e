package io.berth.storage.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.storage.StorageLayout;
import io.berth.storage.content.Digest;
import io.berth.storage.snapshot.vfs.VfsSnapshotter;
import io.berth.storage.testing.RecordingEvents;
import io.berth.storage.testing.TarBuilder;
import io.berth.storage.testing.TestStores;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed and hostile docker-archives are refused before anything is stored. */
class ArchiveFormatsTest {
    static final String CONFIG = "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"%s\"]},\"config\":{}}";

    @TempDir
    Path tmp;
    StorageLayout layout;
    ImageStore store;

    @BeforeEach
    void setUp() {
        layout = new StorageLayout(tmp.resolve("data"));
        store = TestStores.open(layout, new VfsSnapshotter(layout.driverRoot("vfs")), new RecordingEvents());
    }

    private InvalidArgumentException refused(byte[] archive) {
        return assertThrows(InvalidArgumentException.class, () -> store.load(new ByteArrayInputStream(archive)));
    }

    private static String manifest(String config, String layer, String tag) {
        return "[{\"Config\":\"" + config + "\",\"RepoTags\":[\"" + tag + "\"],\"Layers\":[\"" + layer + "\"]}]";
    }

    @Test
    void load_manifestPathEscapingTheArchive_isRefused() throws IOException {
        byte[] layer = new TarBuilder().build();
        String config = String.format(CONFIG, Digest.sha256(layer));
        byte[] archive = new TarBuilder().file("c.json", config, 0644).file("l/layer.tar", "", 0644)
                .file("manifest.json", manifest("c.json", "../../../etc/passwd", "a:1"), 0644).build();

        InvalidArgumentException e = refused(archive);

        assertTrue(e.getMessage().contains("escapes the image archive"), e.getMessage());
        assertNoState();
    }

    @Test
    void load_malformedDocuments_areRefusedWithTheReason() {
        String ok = String.format(CONFIG, Digest.sha256("x"));
        assertTrue(refused(new TarBuilder().file("x", "y", 0644).build()).getMessage().contains("neither manifest.json"));
        assertTrue(refused(new TarBuilder().file("manifest.json", "{not json", 0644).build()).getMessage()
                .contains("manifest.json is not valid JSON"));
        assertTrue(refused(new TarBuilder().file("c.json", ok, 0644)
                .file("manifest.json", manifest("c.json", "l.tar", "Bad Tag"), 0644).build()).getMessage()
                .contains("invalid reference format"));
        assertTrue(refused(new TarBuilder().file("c.json", "{\"rootfs\":{}}", 0644).file("l.tar", "", 0644)
                .file("manifest.json", manifest("c.json", "l.tar", "a:1"), 0644).build()).getMessage()
                .contains("rootfs"));
        assertTrue(refused(new TarBuilder().file("c.json", ok, 0644)
                .file("manifest.json", manifest("c.json", "missing.tar", "a:1"), 0644).build()).getMessage()
                .contains("not found in the archive"));
        assertNoState();
    }

    @Test
    void load_manifestFieldsOfTheWrongType_areRefusedNotCoerced() {
        byte[] layer = new TarBuilder().build();
        String config = String.format(CONFIG, Digest.sha256(layer));
        String[] manifests = {
            "[{\"Config\":\"c.json\",\"RepoTags\":[5],\"Layers\":[\"l.tar\"]}]",
            "[{\"Config\":\"c.json\",\"RepoTags\":\"a:1\",\"Layers\":[\"l.tar\"]}]",
            "[{\"Config\":\"c.json\",\"RepoTags\":[\"a:1\"],\"Layers\":\"l.tar\"}]",
            "[{\"Config\":5,\"RepoTags\":[\"a:1\"],\"Layers\":[\"l.tar\"]}]",
            "[null]"};
        for (String m : manifests) {
            byte[] archive = new TarBuilder().file("c.json", config, 0644).file("l.tar", "", 0644)
                    .file("manifest.json", m, 0644).build();
            assertTrue(refused(archive).getMessage().startsWith("manifest.json: "), m);
        }
        assertNoState();
    }

    @Test
    void load_gzipAndBzip2Archives_loadLikeThePlainTar() throws IOException {
        byte[] layer = new TarBuilder().file("hello.txt", "hi\n", 0644).build();
        String config = String.format(CONFIG, Digest.sha256(layer));
        byte[] plain = new TarBuilder().file("c.json", config, 0644)
                .file("l.tar", layer, 0644, 0, 0, java.time.Instant.EPOCH, Map.of())
                .file("manifest.json", manifest("c.json", "l.tar", "zipped:1"), 0644).build();
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(plain);
        }
        java.io.ByteArrayOutputStream bz = new java.io.ByteArrayOutputStream();
        try (var out = new org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream(bz)) {
            out.write(plain);
        }

        LoadResult fromGzip = store.load(new ByteArrayInputStream(gz.toByteArray()));
        LoadResult fromBzip2 = store.load(new ByteArrayInputStream(bz.toByteArray()));

        assertEquals(List.of("zipped:1"), fromGzip.loaded());
        assertEquals(List.of("zipped:1"), fromBzip2.loaded());
        assertEquals(Digest.sha256(config.getBytes(StandardCharsets.UTF_8)), store.get("zipped:1").id());
        try (Stream<Path> left = Files.list(layout.tmp())) {
            assertEquals(0, left.count(), "no temp file left");
        }
    }

    @Test
    void load_corruptGzip_isRefusedAndLeavesNothing() throws IOException {
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(new byte[100_000]);
        }
        byte[] cut = java.util.Arrays.copyOf(gz.toByteArray(), gz.size() / 2);

        assertEquals("invalid image archive: cannot decompress it (gzip): it is truncated", refused(cut).getMessage());
        assertNoState();
        try (Stream<Path> left = Files.list(layout.tmp())) {
            assertEquals(0, left.count(), "no temp file left");
        }
    }

    @Test
    void load_layerNotMatchingItsDiffId_isRefused() {
        byte[] layer = new TarBuilder().build();
        String config = String.format(CONFIG, Digest.sha256("something else"));
        byte[] archive = new TarBuilder().file("c.json", config, 0644)
                .file("l.tar", new String(layer, StandardCharsets.ISO_8859_1), 0644)
                .file("manifest.json", manifest("c.json", "l.tar", "a:1"), 0644).build();

        InvalidArgumentException e = refused(archive);

        assertTrue(e.getMessage().contains("does not match the diff ID"), e.getMessage());
        assertNoState();
    }

    private void assertNoState() {
        assertEquals(List.of(), store.list(Map.of()));
        try (Stream<Path> s = Files.walk(layout.storage())) {
            assertEquals(List.of(), s.filter(Files::isRegularFile).filter(p -> !p.endsWith("metadata.json")).toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
