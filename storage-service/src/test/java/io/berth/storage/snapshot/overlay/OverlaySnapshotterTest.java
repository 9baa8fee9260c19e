package io.berth.storage.snapshot.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.storage.snapshot.Mount;
import io.berth.storage.snapshot.SnapshotKind;
import io.berth.storage.snapshot.SnapshotRecord;
import io.berth.storage.snapshot.SnapshotterContractTest;
import io.berth.storage.snapshot.StorageDriver;
import io.berth.storage.testing.TarBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class OverlaySnapshotterTest extends SnapshotterContractTest {
    @Override
    protected StorageDriver open(Path root) {
        return new OverlaySnapshotter(root);
    }

    /**
     * The chain as an older data root holds it: one metadata file naming every committed layer and each layer's
     * {@code snapshots/<id>/fs}, no links; opening the driver gives each its link and {@code lower} file
     * ({@link ShortLinks#repair}), so the deep case also checks the start-up repair at the kernel's limit (and
     * takes well under a second instead of one metadata rewrite per prepare and commit).
     */
    @Override
    protected String deepChain(int depth) {
        sn.close();
        Map<String, SnapshotRecord> records = new java.util.LinkedHashMap<>();
        String parent = "";
        try {
            for (int i = 0; i < depth; i++) {
                String name = "layer" + i;
                records.put(name, new SnapshotRecord(i + 1, name, SnapshotKind.COMMITTED, parent, Map.of(), 0));
                Path dir = java.nio.file.Files.createDirectory(driverRoot().resolve("snapshots/" + (i + 1)));
                java.nio.file.Files.createDirectory(dir.resolve("fs"));
                parent = name;
            }
            io.berth.common.json.Json.MAPPER.writeValue(driverRoot().resolve("metadata.json").toFile(),
                    Map.of("nextId", depth + 1, "snapshots", records));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        sn = open(driverRoot());
        return parent;
    }

    @Override
    protected OptionalInt maxParents() {
        return OptionalInt.of(OverlaySnapshotter.MAX_LOWERS);
    }

    @Test
    void mounts_withParents_areOverlayWithNearestLowerFirst() throws java.io.IOException {
        layer("l1", "", new TarBuilder().build());
        layer("l2", "l1", new TarBuilder().build());

        List<Mount> m = sn.prepare("c", "l2", Map.of());

        Map<String, String> l2 = sn.driverData("l2");
        Map<String, String> c = sn.driverData("c");
        assertEquals("overlay", m.get(0).type());
        String[] lowers = m.get(0).option("lowerdir=").split(":");
        assertEquals(2, lowers.length);
        assertEquals(Path.of(l2.get("UpperDir")).toRealPath(), Path.of(lowers[0]).toRealPath());
        assertEquals(Path.of(sn.driverData("l1").get("UpperDir")).toRealPath(), Path.of(lowers[1]).toRealPath());
        assertEquals(c.get("UpperDir"), m.get(0).option("upperdir="));
        assertEquals(c.get("WorkDir"), m.get(0).option("workdir="));
        assertEquals(l2.get("UpperDir") + ":" + sn.driverData("l1").get("UpperDir"), c.get("LowerDir"));
        assertFalse(sn.driverData("l1").containsKey("LowerDir"));
        assertEquals(Path.of(c.get("UpperDir")).getParent(), Path.of(c.get("WorkDir")).getParent());
    }

    @Test
    void mounts_withoutParent_areARbindOfTheLayer() {
        List<Mount> m = sn.prepare("c", "", Map.of());

        assertEquals("bind", m.get(0).type());
        assertEquals(sn.driverData("c").get("UpperDir"), m.get(0).source());
        assertEquals(List.of("rw", "rbind"), m.get(0).options());
    }

    @Test
    void status_isDockersOverlay2DriverStatus() {
        List<String> keys = sn.status().stream().map(Map.Entry::getKey).toList();

        assertEquals(List.of("Backing Filesystem", "Supports d_type", "Native Overlay Diff", "userxattr"), keys);
        assertEquals("overlay2", sn.name());
    }

    @Test
    void status_reportsTheMeasuredValues(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
        Path root = dir.resolve("overlay2");
        Map<String, String> status = new java.util.LinkedHashMap<>();
        try (OverlaySnapshotter driver = new OverlaySnapshotter(root)) {
            driver.status().forEach(e -> status.put(e.getKey(), e.getValue()));
        }

        assertEquals(Boolean.toString(DTypeCheck.supportsDType(root)), status.get("Supports d_type"));
        assertEquals(Boolean.toString(NativeDiffCheck.supportsNativeDiff(root)), status.get("Native Overlay Diff"));
        assertEquals("false", status.get("userxattr"));
    }

    private Path dirOfLayer(String key) {
        return Path.of(sn.driverData(key).get("UpperDir")).getParent();
    }

    @Test
    void links_areDockerdsLinkAndLowerFilesAndLSymlinks() throws java.io.IOException {
        layer("l1", "", new TarBuilder().build());
        layer("l2", "l1", new TarBuilder().build());
        sn.prepare("c", "l2", Map.of());

        String l1 = java.nio.file.Files.readString(dirOfLayer("l1").resolve("link"));
        String l2 = java.nio.file.Files.readString(dirOfLayer("l2").resolve("link"));
        assertTrue(l1.matches("[A-Z2-7]{26}"), l1);
        assertEquals(Path.of("..", "snapshots", dirOfLayer("l1").getFileName().toString(), "fs"),
                java.nio.file.Files.readSymbolicLink(driverRoot().resolve("l").resolve(l1)));
        assertFalse(java.nio.file.Files.exists(dirOfLayer("l1").resolve("lower")));
        assertEquals("l/" + l1, java.nio.file.Files.readString(dirOfLayer("l2").resolve("lower")));
        assertEquals("l/" + l2 + ":l/" + l1, java.nio.file.Files.readString(dirOfLayer("c").resolve("lower")));
        assertEquals(driverRoot().resolve("l").resolve(l2) + ":" + driverRoot().resolve("l").resolve(l1),
                sn.mounts("c").get(0).option("lowerdir="));
    }

    @Test
    void remove_deletesTheLink() throws java.io.IOException {
        sn.prepare("c", "", Map.of());
        String lid = java.nio.file.Files.readString(dirOfLayer("c").resolve("link"));

        sn.remove("c");

        assertFalse(java.nio.file.Files.exists(driverRoot().resolve("l").resolve(lid),
                java.nio.file.LinkOption.NOFOLLOW_LINKS));
        try (var s = java.nio.file.Files.list(driverRoot().resolve("l"))) {
            assertEquals(0, s.count());
        }
    }

    /** A data root from before the links (no l/, link or lower files), plus a stray link: reopening repairs it. */
    @Test
    void open_givesLinksToAnOlderDataRoot_andDropsStrayLinks() throws java.io.IOException {
        layer("l1", "", new TarBuilder().file("f", "from l1", 0644).build());
        layer("l2", "l1", new TarBuilder().build());
        sn.prepare("c", "l2", Map.of());
        sn.close();
        for (String k : List.of("l1", "l2", "c")) {
            java.nio.file.Files.delete(dirOfLayer(k).resolve("link"));
            java.nio.file.Files.deleteIfExists(dirOfLayer(k).resolve("lower"));
        }
        io.berth.common.fs.AtomicFiles.deleteTree(driverRoot().resolve("l"));
        java.nio.file.Files.createDirectory(driverRoot().resolve("l"));
        java.nio.file.Files.createSymbolicLink(driverRoot().resolve("l/AAAAAAAAAAAAAAAAAAAAAAAAAA"),
                Path.of("../snapshots/999/fs"));

        sn = open(driverRoot());

        String l1 = java.nio.file.Files.readString(dirOfLayer("l1").resolve("link"));
        String l2 = java.nio.file.Files.readString(dirOfLayer("l2").resolve("link"));
        assertEquals("l/" + l2 + ":l/" + l1, java.nio.file.Files.readString(dirOfLayer("c").resolve("lower")));
        try (var s = java.nio.file.Files.list(driverRoot().resolve("l"))) {
            assertEquals(3, s.count());
        }
        try (io.berth.storage.testing.Mounted r = io.berth.storage.testing.Mounted.mount(sn.mounts("c"),
                driverRoot().resolveSibling("merged"))) {
            assertEquals("from l1", java.nio.file.Files.readString(r.root().resolve("f")));
        }
    }
}
