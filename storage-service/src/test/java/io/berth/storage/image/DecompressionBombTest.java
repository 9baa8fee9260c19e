package io.berth.storage.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.fs.AtomicFiles;
import io.berth.storage.StorageLayout;
import io.berth.storage.content.ContentStore;
import io.berth.storage.diff.LayerSizeBound;
import io.berth.storage.snapshot.SnapshotInfo;
import io.berth.storage.snapshot.StorageDriver;
import io.berth.storage.snapshot.vfs.VfsSnapshotter;
import io.berth.storage.testing.Fixtures;
import io.berth.storage.testing.RecordingEvents;
import io.berth.storage.testing.TestStores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decompression bombs (issue 11, Safety): a gzip layer of about 32 KB that unpacks to 32 MiB of zeros, loaded
 * and imported under a 4 MiB {@code --max-layer-size} (a 400) and under a free-space bound of 4 MiB (half of
 * 8 MiB free: a 500). Each refusal leaves nothing: no blob, no ingest or temp file, no snapshot, no image; an
 * ordinary layer loads afterwards.
 */
class DecompressionBombTest {
    private static final long LIMIT = 4L << 20;
    private static byte[] bomb;

    @TempDir
    Path tmp;
    StorageLayout layout;
    StorageDriver driver;

    @BeforeAll
    static void makeBomb() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(gz))) {
            TarArchiveEntry e = new TarArchiveEntry("zeros");
            long size = 32L << 20;
            e.setSize(size);
            tar.putArchiveEntry(e);
            byte[] block = new byte[1 << 20];
            for (long n = 0; n < size; n += block.length) {
                tar.write(block);
            }
            tar.closeArchiveEntry();
        }
        bomb = gz.toByteArray();
    }

    @BeforeEach
    void setUp() {
        Fixtures.requireRoot();
        layout = new StorageLayout(tmp.resolve("data"));
        driver = new VfsSnapshotter(layout.driverRoot("vfs"));
    }

    @AfterEach
    void tearDown() throws IOException {
        driver.close();
        AtomicFiles.deleteTree(tmp.resolve("data"));
    }

    private Injector start(long maxLayerSize, long freeBytes) {
        Injector i = TestStores.injector(layout, driver, new RecordingEvents(), maxLayerSize, b -> {
            if (freeBytes > 0) {
                b.bind(LayerSizeBound.class).toInstance(new LayerSizeBound(layout.dataRoot(), 0, p -> freeBytes));
            }
        });
        i.getInstance(StoreRecovery.class).recover();
        return i;
    }

    private void assertNothingLeft(Injector i) throws IOException {
        assertTrue(bomb.length < 100_000, "the bomb is small: " + bomb.length + " bytes");
        assertEquals(List.of(), i.getInstance(ContentStore.class).list(), "no blob");
        List<String> snapshots = new ArrayList<>();
        driver.walk((SnapshotInfo s) -> snapshots.add(s.name()));
        assertEquals(List.of(), snapshots, "no snapshot");
        assertEquals(List.of(), i.getInstance(ImageStore.class).list(java.util.Map.of()), "no image");
        for (Path dir : List.of(layout.tmp(), layout.content().resolve("ingest"))) {
            if (Files.isDirectory(dir)) {
                try (var s = Files.list(dir)) {
                    assertEquals(List.of(), s.toList(), "nothing in " + dir);
                }
            }
        }
    }

    private static byte[] archiveOf(byte[] layer) {
        return SyntheticImages.archive("bomb:1", List.of(layer));
    }

    @Test
    void load_overMaxLayerSize_isA400AndLeavesNothing() throws IOException {
        Injector i = start(LIMIT, 0);

        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> i.getInstance(ImageStore.class).load(new ByteArrayInputStream(archiveOf(bomb))));

        assertTrue(e.getMessage().contains("larger than the maximum layer size of " + LIMIT + " bytes"),
                e.getMessage());
        assertTrue(e.getMessage().contains("l0.tar"), "names the layer: " + e.getMessage());
        assertNothingLeft(i);
        i.getInstance(ImageStore.class).load(new ByteArrayInputStream(
                SyntheticImages.archive("fine:1", SyntheticImages.layers("a"))));
        assertEquals(1, i.getInstance(ImageStore.class).list(java.util.Map.of()).size());
    }

    @Test
    void load_withoutMaximum_isBoundedByHalfTheFreeSpace_a500() throws IOException {
        Injector i = start(0, 2 * LIMIT);

        InternalException e = assertThrows(InternalException.class,
                () -> i.getInstance(ImageStore.class).load(new ByteArrayInputStream(archiveOf(bomb))));

        assertTrue(e.getMessage().contains("half of the free space on the data root (" + LIMIT + " bytes"),
                e.getMessage());
        assertNothingLeft(i);
    }

    @Test
    void import_overMaxLayerSize_isA400AndLeavesNothing() throws IOException {
        Injector i = start(LIMIT, 0);

        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> {
            try (ArchiveUpload upload = i.getInstance(ImageStore.class).beginLoad()) {
                upload.write(bomb, 0, bomb.length);
                upload.importAs(new ImportOptions("bomb", "1", "", List.of(), "", "-"));
            }
        });

        assertTrue(e.getMessage().contains("larger than the maximum layer size"), e.getMessage());
        assertNothingLeft(i);
    }

    @Test
    void bound_countsUncompressedBytesAndAllowsExactlyTheLimit() throws IOException {
        LayerSizeBound b = new LayerSizeBound(tmp, 10);
        assertEquals(10, b.bound(new ByteArrayInputStream(new byte[10]), "x").readAllBytes().length);
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> b.bound(new ByteArrayInputStream(new byte[11]), "layer x").readAllBytes());
        assertEquals("layer x is larger than the maximum layer size of 10 bytes uncompressed (--max-layer-size)",
                e.getMessage());
    }
}
