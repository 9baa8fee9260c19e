package io.berth.storage.snapshot.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.storage.snapshot.Mount;
import io.berth.storage.snapshot.SnapshotterContractTest;
import io.berth.storage.snapshot.StorageDriver;
import io.berth.storage.testing.TarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class VfsSnapshotterTest extends SnapshotterContractTest {
    @Override
    protected StorageDriver open(Path root) {
        return new VfsSnapshotter(root);
    }

    @Override
    protected OptionalInt maxParents() {
        return OptionalInt.empty();
    }

    @Test
    void prepare_isABindOfTheSnapshotsOwnCopy() throws Exception {
        layer("base", "", new TarBuilder().file("s", "x", 0644).build());

        List<Mount> m = sn.prepare("c", "base", Map.of());

        assertEquals("bind", m.get(0).type());
        assertEquals("x", Files.readString(Path.of(m.get(0).source()).resolve("s")), "a copy, not the parent's tree");
        assertEquals(List.of("rw", "rbind"), m.get(0).options());
    }
}
