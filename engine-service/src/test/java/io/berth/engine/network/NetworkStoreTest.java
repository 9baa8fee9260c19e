package io.berth.engine.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link NetworkStore} and {@link ContainerNetworkConfigs} on a temporary directory. */
class NetworkStoreTest {
    @TempDir
    Path dir;

    static NetworkRecord record(String id, String name, Instant created) {
        return new NetworkRecord(id, name, created, "bridge", false, null, List.of(), "10.1.0.0/16", "10.1.0.1",
                false, false, Map.of(), Map.of());
    }

    @Test
    void load_makesHostAndNoneOnce_skipsAnUnreadableRecord_ordersPredefinedFirst() throws Exception {
        NetworkStore s = new NetworkStore(dir);
        s.load(Instant.EPOCH);
        s.put(record("2".repeat(64), "later", Instant.parse("2026-12-04T02:00:00Z")));
        s.put(record("1".repeat(64), "earlier", Instant.parse("2026-12-04T01:00:00Z")));
        Files.writeString(dir.resolve("f".repeat(64) + ".json"), "{\"ID\":");

        NetworkStore again = new NetworkStore(dir);
        assertEquals(4, again.load(Instant.now()));

        assertEquals(List.of("host", "none", "earlier", "later"), again.all().stream().map(NetworkRecord::name)
                .toList());
        assertEquals(s.find("host").orElseThrow().id(), again.find("host").orElseThrow().id());
        assertTrue(again.find("f".repeat(64)).isEmpty(), "the unreadable record is not a network");
        again.remove("1".repeat(64));
        assertTrue(new NetworkStore(dir).find("earlier").isEmpty());
    }

    @Test
    void find_idThenNameThenUniquePrefix() {
        NetworkStore s = new NetworkStore(dir);
        s.put(record("ab" + "0".repeat(62), "one", Instant.EPOCH));
        s.put(record("ac" + "0".repeat(62), "ab", Instant.EPOCH));

        assertEquals("ab", s.find("ab").orElseThrow().name(), "a name wins over an ID prefix");
        assertEquals("one", s.find("ab0").orElseThrow().name());
        assertTrue(s.find("a").isEmpty(), "an ambiguous prefix");
    }

    @Test
    void containerConfigs_liveInTheContainersDirectory() {
        ContainerNetworkConfigs c = new ContainerNetworkConfigs(dir);
        String id = "c".repeat(64);
        c.save(id, List.of(new EndpointSettings("n".repeat(64), "app", "10.0.0.3", null, List.of("a"), null)));

        assertTrue(Files.isRegularFile(dir.resolve(id).resolve(ContainerNetworkConfigs.FILE)));
        assertEquals("10.0.0.3", new ContainerNetworkConfigs(dir).load(id).get(0).ipv4Address());
        c.save(id, List.of());
        assertEquals(List.of(), c.load(id));
    }
}
