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
    void prepare_copiesTheParentWithOwnersAndModes() throws Exception {
        layer("base", "", new TarBuilder().file("s", "x".getBytes(), 04755, 1000, 1001, TarBuilder.MTIME, Map.of())
                .build());

        List<Mount> m = sn.prepare("c", "base", Map.of());

        Path copy = Path.of(m.get(0).source()).resolve("s");
        assertEquals("bind", m.get(0).type());
        assertEquals(0104755, Files.getAttribute(copy, "unix:mode"));
        assertEquals(1000, Files.getAttribute(copy, "unix:uid"));
        assertEquals(TarBuilder.MTIME, Files.getLastModifiedTime(copy).toInstant());
    }
}
