package io.berth.storage.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InternalException;
import io.berth.common.errors.NotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetaStoreTest {
    @TempDir
    Path dir;

    @Test
    void put_thenReopen_keepsRecordsAndIds() {
        Path file = dir.resolve("metadata.json");
        MetaStore ms = MetaStore.open(file);
        long id = ms.allocateId();
        ms.put(null, new SnapshotRecord(id, "a", SnapshotKind.ACTIVE, "", Map.of("k", "v"), 5));
        ms.put("a", new SnapshotRecord(id, "n", SnapshotKind.COMMITTED, "", Map.of("k", "v"), 5));

        MetaStore reopened = MetaStore.open(file);

        assertFalse(reopened.get("a").isPresent());
        assertEquals(new SnapshotRecord(id, "n", SnapshotKind.COMMITTED, "", Map.of("k", "v"), 5), reopened.require("n"));
        assertTrue(reopened.allocateId() > id, "IDs are never reused");
        assertThrows(NotFoundException.class, () -> reopened.require("a"));
    }

    @Test
    void put_whenTheFileCannotBeWritten_changesNothing() throws IOException {
        MetaStore ms = MetaStore.open(dir.resolve("other.json"));
        ms.put(null, new SnapshotRecord(1, "a", SnapshotKind.ACTIVE, "", Map.of(), 0));
        MetaStore broken = MetaStore.open(dir.resolve("other.json"));
        Path target = dir.resolve("other.json");
        Files.delete(target);
        Files.createDirectory(target);
        Files.writeString(target.resolve("x"), "a non-empty directory cannot be replaced by a file");

        assertThrows(InternalException.class, () -> broken.remove("a"));

        assertEquals(List.of("a"), broken.all().stream().map(SnapshotRecord::key).toList());
    }
}
