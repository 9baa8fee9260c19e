package io.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.AlreadyExistsException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.engine.TestConfigs;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerStoreTest {
    static ContainerRecord record(String id, String name, Instant created) {
        return new ContainerRecord(id, name, created, "sh", List.of(), TestConfigs.config("img", List.of("sh")),
                ContainerRecord.DEFAULT_HOST_CONFIG, ContainerState.created(), "sha256:x", "vfs", null, null, "/l", "/h",
                "/hs", "/r", 0, "linux", List.of());
    }

    private final ContainerStore store = new ContainerStore();

    private Container add(String id, String name, long t) {
        store.reserveName(name, id);
        Container c = new Container(record(id, name, Instant.ofEpochSecond(t)));
        store.add(c);
        return c;
    }

    @Test
    void get_byFullIdNameOrSlashNameOrUniquePrefix_findsIt() {
        Container web = add("abc123" + "0".repeat(58), "/web", 1);
        add("abd456" + "0".repeat(58), "/db", 2);

        assertEquals(web, store.get(web.id()));
        assertEquals(web, store.get("web"));
        assertEquals(web, store.get("/web"));
        assertEquals(web, store.get("abc"));
    }

    @Test
    void get_unknown_throwsNoSuchContainer() {
        add("abc123" + "0".repeat(58), "/web", 1);

        NotFoundException e = assertThrows(NotFoundException.class, () -> store.get("nope"));
        assertEquals("No such container: nope", e.getMessage());
        assertThrows(NotFoundException.class, () -> store.get(""));
    }

    @Test
    void get_ambiguousPrefix_throwsDockersMultipleIdsText() {
        add("abc123" + "0".repeat(58), "/web", 1);
        add("abd456" + "0".repeat(58), "/db", 2);

        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> store.get("ab"));
        assertEquals("Multiple IDs found with provided prefix: ab", e.getMessage());
        assertTrue(store.find("ab").isEmpty());
    }

    @Test
    void get_nameThatLooksLikeAnotherIdsPrefix_prefersTheName() {
        Container named = add("fff" + "0".repeat(61), "/abc", 1);
        add("abc" + "0".repeat(61), "/other", 2);

        assertEquals(named, store.get("abc"));
    }

    @Test
    void reserveName_takenByAnother_throwsDockersConflictText() {
        String id = "9a5a9047818a40cf53d0b0a85305eaadbf5f8214366e736b16139680cb582447";
        add(id, "/cap2", 1);

        AlreadyExistsException e = assertThrows(AlreadyExistsException.class,
                () -> store.reserveName("/cap2", "b".repeat(64)));
        assertEquals("Conflict. The container name \"/cap2\" is already in use by container \"" + id
                + "\". You have to remove (or rename) that container to be able to reuse that name.", e.getMessage());
    }

    @Test
    void remove_freesTheName() {
        Container c = add("a".repeat(64), "/web", 1);

        store.remove(c);

        store.reserveName("/web", "b".repeat(64));
        assertTrue(store.find("a".repeat(64)).isEmpty());
    }

    @Test
    void all_returnsNewestFirst() {
        Container old = add("a".repeat(64), "/old", 1);
        Container mid = add("b".repeat(64), "/mid", 5);
        Container young = add("c".repeat(64), "/young", 9);

        assertEquals(List.of(young, mid, old), store.all());
    }
}
