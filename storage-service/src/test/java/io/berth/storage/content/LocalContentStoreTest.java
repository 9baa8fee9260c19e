package io.berth.storage.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalContentStoreTest {
    @TempDir
    Path root;
    LocalContentStore store;

    @BeforeEach
    void setUp() {
        store = new LocalContentStore(root);
    }

    private long ingestFiles() throws IOException {
        try (Stream<Path> s = Files.list(store.ingestDir())) {
            return s.count();
        }
    }

    @Test
    void writer_commitWithTheRightDigest_storesTheBlobUnderItsDigest() throws IOException {
        byte[] data = "layer".getBytes(StandardCharsets.UTF_8);
        Digest expected = Digest.sha256(data);

        try (ContentWriter w = store.writer()) {
            w.write(data);
            assertEquals(expected, w.commit(expected));
        }

        assertTrue(store.exists(expected));
        assertEquals(root.resolve("blobs/sha256").resolve(expected.hex()), store.path(expected));
        assertArrayEquals(data, store.read(expected));
        assertEquals(5, store.size(expected));
        assertEquals(0, ingestFiles());
    }

    @Test
    void writer_commitWithAWrongDigest_storesNothing() throws IOException {
        Digest wrong = Digest.sha256("other");

        try (ContentWriter w = store.writer()) {
            w.write("layer".getBytes(StandardCharsets.UTF_8));
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> w.commit(wrong));
            assertTrue(e.getMessage().contains("digest mismatch"), e.getMessage());
        }

        assertFalse(store.exists(wrong));
        assertFalse(store.exists(Digest.sha256("layer")));
        assertEquals(0, ingestFiles());
    }

    @Test
    void writer_closedWithoutCommit_leavesNoIngestFile() throws IOException {
        try (ContentWriter w = store.writer()) {
            w.write(1);
            assertEquals(1, ingestFiles());
        }

        assertEquals(0, ingestFiles());
    }

    @Test
    void delete_andOpen_ofMissingBlob() {
        Digest d = store.put("x".getBytes(StandardCharsets.UTF_8));

        assertTrue(store.delete(d));
        assertFalse(store.delete(d));
        assertThrows(NotFoundException.class, () -> store.open(d));
    }

    @Test
    void list_givesTheCommittedBlobsOnly() throws IOException {
        Digest a = store.put("a".getBytes(StandardCharsets.UTF_8));
        Digest b = store.put("b".getBytes(StandardCharsets.UTF_8));
        try (ContentWriter pending = store.writer()) {
            pending.write("not committed".getBytes(StandardCharsets.UTF_8));

            assertEquals(Set.of(a, b), Set.copyOf(store.list()));
        }
    }
}
