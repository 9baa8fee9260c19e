package io.berth.storage.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.storage.StorageLayout;
import io.berth.storage.content.Digest;
import io.berth.storage.snapshot.Mount;
import io.berth.storage.snapshot.SnapshotInfo;
import io.berth.storage.snapshot.StorageDriver;
import io.berth.storage.snapshot.overlay.OverlaySnapshotter;
import io.berth.storage.snapshot.vfs.VfsSnapshotter;
import io.berth.storage.testing.ArchiveRewriter;
import io.berth.storage.testing.Fixtures;
import io.berth.storage.testing.Mounted;
import io.berth.storage.testing.RecordingEvents;
import io.berth.storage.testing.TestStores;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the real fixture images through both drivers: {@code docker save} archives of {@code fixture/busybox:1}
 * and {@code fixture/multilayer:1} made with dockerd 20.10 (found by {@link Fixtures#image}); the image IDs
 * and layer diff IDs below are the ones that dockerd reported for them.
 */
class ImageStoreTest {
    static final String BUSYBOX = "busybox-1.docker-archive.tar";
    static final String MULTILAYER = "multilayer-1.docker-archive.tar";
    static final Digest BUSYBOX_ID = Digest.parse("sha256:eb6c9cccd3c3e8edb4f979950e80df3aed5e761e7f102b86b268f4a27665b2bf");
    static final Digest MULTILAYER_ID = Digest.parse("sha256:d9b5947aa18af7d0635d8fb14899f10f67f57a0be4643ef74e6ecae4ffac881d");
    static final List<Digest> MULTILAYER_DIFF_IDS = Stream.of(
            "8d2edd72894ee87cfea3be6bd93574abebfbaa658f9a1691f1b98c808f48dd50",
            "7772205f34a32044d84359d512173ae1e8b9986e4cfc1592e858c66b87e2da62",
            "0bde0a20906176b0e2ad2462c5ec5c1cf69f2b72eaf52c32320756721fcdba53",
            "cdced35eaf9a5cf9b204f2e01a5177f1776a5c391f586807577494f7b5a21b81",
            "2feeebc9dabd7708c6f1e6e648e4ad105a826f659e9c9a55e8383ca39881a207",
            "4801825387cbfe2e1951f1952a58cb94a1fe524614f2e471f2b3ceddf0befac7").map(Digest::new).toList();

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
    }

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.close();
        }
    }

    void open(String driverName) {
        driver = driverName.equals("vfs") ? new VfsSnapshotter(layout.driverRoot("vfs"))
                : new OverlaySnapshotter(layout.driverRoot("overlay2"));
        store = TestStores.open(layout, driver, events);
    }

    LoadResult load(String fixture) throws IOException {
        try (InputStream in = Files.newInputStream(Fixtures.image(fixture))) {
            return store.load(in);
        }
    }

    List<SnapshotInfo> snapshots() {
        List<SnapshotInfo> all = new ArrayList<>();
        driver.walk(all::add);
        return all;
    }

    Set<String> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return Set.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).collect(Collectors.toSet());
        }
    }

    Set<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void load_busybox_storesImageTagAndLayerAsDockerDid(String driverName) throws IOException {
        open(driverName);

        LoadResult r = load(BUSYBOX);

        assertEquals(List.of("Loaded image: fixture/busybox:1\n"), r.lines());
        assertEquals(List.of("fixture/busybox:1"), r.loaded());
        ImageInfo i = store.get("fixture/busybox:1");
        assertEquals(BUSYBOX_ID, i.id());
        assertEquals(Digest.sha256(i.configJson()), i.id());
        assertEquals(List.of(MULTILAYER_DIFF_IDS.get(0)), i.diffIds());
        assertEquals(MULTILAYER_DIFF_IDS.get(0), i.topChainId(), "chain ID of a single layer is its diff ID");
        assertEquals(List.of("fixture/busybox:1"), i.repoTags());
        assertTrue(i.sizeBytes() > 1_982_256, "at least /bin/busybox: " + i.sizeBytes());
        assertTrue(driver.exists(i.topChainId().toString()));
        assertTrue(Files.isRegularFile(layout.content().resolve("blobs/sha256").resolve(MULTILAYER_DIFF_IDS.get(0).hex())));
        assertEquals(List.of("load " + BUSYBOX_ID), events.events);
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void load_multilayer_mergedAppIsWhatTheFixtureReadmeLists(String driverName) throws IOException {
        open(driverName);
        load(MULTILAYER);
        ImageInfo i = store.get("fixture/multilayer:1");
        assertEquals(MULTILAYER_ID, i.id());
        assertEquals(MULTILAYER_DIFF_IDS, i.diffIds());
        assertEquals(ChainIds.of(MULTILAYER_DIFF_IDS).get(5), i.topChainId());
        assertEquals(6, snapshots().size());

        List<Mount> m = driver.prepare("check", i.topChainId().toString(), Map.of());
        try (Mounted root = Mounted.mount(m, tmp.resolve("rootfs"))) {
            Path app = root.root().resolve("app");
            assertEquals(Set.of("data/hello.txt", "greeting.txt", "hardlink-a.txt", "hardlink-b.txt", "keep.txt",
                    "olddir/c.txt", "suid-tool", "hello-symlink"), files(app));
            assertEquals(Set.of("c.txt"), names(app.resolve("olddir")));
            assertEquals(Set.of("hello.txt", "sub"), names(app.resolve("data")));
            assertEquals(65534, Files.getAttribute(app.resolve("data/sub"), "unix:uid"));
            assertEquals(65534, Files.getAttribute(app.resolve("data/sub"), "unix:gid"));
            assertEquals(0100600, Files.getAttribute(app.resolve("keep.txt"), "unix:mode"));
            assertEquals(0104755, Files.getAttribute(app.resolve("suid-tool"), "unix:mode"));
            assertTrue(Files.isSameFile(app.resolve("hardlink-a.txt"), app.resolve("hardlink-b.txt")));
            assertEquals(2, Files.getAttribute(app.resolve("hardlink-a.txt"), "unix:nlink"));
            assertEquals(Path.of("data/hello.txt"), Files.readSymbolicLink(app.resolve("hello-symlink")));
            assertEquals(33, Files.size(app.resolve("greeting.txt")));
            assertTrue(Files.isSymbolicLink(root.root().resolve("bin/sh")));
            assertFalse(Files.exists(app.resolve("data/remove-me.txt"), LinkOption.NOFOLLOW_LINKS));
        } finally {
            driver.remove("check");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void load_again_reusesTheSnapshotsOfEveryChainId(String driverName) throws IOException {
        open(driverName);
        load(BUSYBOX);
        List<SnapshotInfo> first = snapshots();

        load(MULTILAYER);
        List<SnapshotInfo> second = snapshots();
        load(MULTILAYER);

        assertEquals(1, first.size());
        assertEquals(6, second.size(), "the busybox layer is shared, 5 new layers");
        assertTrue(second.containsAll(first), "the shared layer was not unpacked again");
        assertEquals(Set.copyOf(second), Set.copyOf(snapshots()), "a second load unpacks nothing");
        assertEquals(2, store.list(Map.of()).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void load_layerWithWrongDiffId_leavesNoTagSnapshotOrTempFile(String driverName) throws IOException {
        open(driverName);
        String layer3 = "b3ae358adf22d3408bb43b8abd71aedba6694fef9b9eaf75b3ce0e23d537669c/layer.tar";
        byte[] corrupt = ArchiveRewriter.rewrite(Fixtures.image(MULTILAYER),
                Map.of(layer3, data -> ArchiveRewriter.flipByte(data, 600)), false);

        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> store.load(new ByteArrayInputStream(corrupt)));

        assertTrue(e.getMessage().contains(MULTILAYER_DIFF_IDS.get(2).toString()), e.getMessage());
        assertNothingLeft();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void load_truncatedArchive_leavesNoTagSnapshotOrTempFile(String driverName) throws IOException {
        open(driverName);
        byte[] jsonFirst = ArchiveRewriter.rewrite(Fixtures.image(MULTILAYER), Map.of(), true);
        byte[] cutInLastLayer = Arrays.copyOf(jsonFirst, jsonFirst.length - 5000);
        byte[] cutInHalf = Arrays.copyOf(Files.readAllBytes(Fixtures.image(MULTILAYER)), 1_000_000);

        assertThrows(InvalidArgumentException.class, () -> store.load(new ByteArrayInputStream(cutInLastLayer)));
        assertThrows(InvalidArgumentException.class, () -> store.load(new ByteArrayInputStream(cutInHalf)));

        assertNothingLeft();
    }

    void assertNothingLeft() throws IOException {
        assertEquals(List.of(), store.list(Map.of()));
        assertEquals(List.of(), snapshots());
        assertEquals(Set.of(), files(layout.tmp()));
        assertEquals(Set.of(), files(layout.content()));
        assertEquals(Set.of(), names(layout.driverRoot(driver.name()).resolve("snapshots")));
        assertEquals(List.of(), events.events);
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2"})
    void load_tagOfAnotherImage_movesTheTagAndUntagsTheOld(String driverName) throws IOException {
        open(driverName);
        load(BUSYBOX);
        store.tag("fixture/busybox:1", "fixture/multilayer:1");

        LoadResult r = load(MULTILAYER);

        assertEquals(List.of("The image fixture/multilayer:1 already exists, renaming the old one with ID "
                + BUSYBOX_ID + " to empty string\n", "Loaded image: fixture/multilayer:1\n"), r.lines());
        assertEquals(MULTILAYER_ID, store.get("fixture/multilayer:1").id());
        assertEquals(List.of("fixture/busybox:1"), store.get(BUSYBOX_ID.toString()).repoTags());
        assertEquals(List.of("load " + BUSYBOX_ID, "tag " + BUSYBOX_ID, "load " + MULTILAYER_ID), events.events);
        assertEquals("multilayer", events.attributes.get(2).get("org.example.fixture"));
        assertEquals(MULTILAYER_ID.toString(), events.attributes.get(2).get("name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2"})
    void load_ociLayout_verifiesBlobsAndTagsFromTheAnnotation(String driverName) throws IOException {
        open(driverName);
        load(MULTILAYER);

        LoadResult r = load("multilayer-1.oci-archive.tar");

        ImageInfo oci = store.get("fixture/multilayer:1");
        assertEquals(List.of("fixture/multilayer:1"), r.loaded());
        assertEquals(Digest.parse("sha256:eaa63d8a55ee1a0a5dd7381f189e75027d49b144e9cd0a65c58b6fbc8e035599"), oci.id());
        assertEquals(MULTILAYER_DIFF_IDS, oci.diffIds());
        assertEquals(6, snapshots().size(), "same diff IDs, same chain IDs: nothing unpacked again");
        assertArrayEquals(store.get(MULTILAYER_ID.toString()).diffIds().toArray(), oci.diffIds().toArray());
    }
}
