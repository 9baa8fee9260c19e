package io.berth.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.engine.TestConfigs;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerState;
import io.berth.engine.container.ContainerStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inspect's status while a removal is under way, as moby's {@code State.StateString}. */
class ContainerQueriesTest {
    private final ContainerStore store = new ContainerStore();
    private final ContainerQueries queries = new ContainerQueries(store);

    private Container add(String id, ContainerState state) {
        store.reserveName("/c" + id.charAt(0), id);
        Container c = new Container(new ContainerRecord(id, "/c" + id.charAt(0), Instant.ofEpochSecond(1), "sh",
                List.of(), TestConfigs.config("img", List.of("sh")), ContainerRecord.DEFAULT_HOST_CONFIG, state,
                "sha256:x", "vfs", null, null, "/l", "/h", "/hs", "/r", 0, "linux", List.of()));
        store.add(c);
        return c;
    }

    @Test
    void inspect_ofAStoppedContainerBeingRemoved_isRemoving_aRunningOneStaysRunning() {
        Container stopped = add("a" + "0".repeat(63), ContainerState.created().running(7, 8, Instant.ofEpochSecond(4)).exited(0, Instant.ofEpochSecond(5)));
        Container running = add("b" + "0".repeat(63), ContainerState.created().running(7, 8, Instant.ofEpochSecond(5)));
        assertEquals("exited", queries.inspect(stopped.id()).state().status());

        stopped.claimRemoval();
        running.claimRemoval();

        assertEquals("removing", queries.inspect(stopped.id()).state().status());
        assertEquals("running", queries.inspect(running.id()).state().status());
        assertEquals("exited", stopped.record().state().status(), "the stored state is unchanged");
    }
}
