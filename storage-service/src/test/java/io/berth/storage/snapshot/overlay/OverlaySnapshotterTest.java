package io.berth.storage.snapshot.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.berth.storage.snapshot.Mount;
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

    @Override
    protected OptionalInt maxParents() {
        return OptionalInt.of(OverlaySnapshotter.MAX_LOWERS);
    }

    @Test
    void mounts_withParents_areOverlayWithNearestLowerFirst() {
        layer("l1", "", new TarBuilder().build());
        layer("l2", "l1", new TarBuilder().build());

        List<Mount> m = sn.prepare("c", "l2", Map.of());

        Map<String, String> l2 = sn.driverData("l2");
        Map<String, String> c = sn.driverData("c");
        assertEquals("overlay", m.get(0).type());
        assertEquals(l2.get("UpperDir") + ":" + sn.driverData("l1").get("UpperDir"), m.get(0).option("lowerdir="));
        assertEquals(c.get("UpperDir"), m.get(0).option("upperdir="));
        assertEquals(c.get("WorkDir"), m.get(0).option("workdir="));
        assertEquals(c.get("LowerDir"), m.get(0).option("lowerdir="));
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
}
