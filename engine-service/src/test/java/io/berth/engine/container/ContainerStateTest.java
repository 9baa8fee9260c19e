package io.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.ConflictException;
import io.berth.common.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContainerStateTest {
    private static final Instant T1 = Instant.parse("2026-11-29T09:09:56.271361124Z");
    private static final Instant T2 = Instant.parse("2026-11-29T09:10:00Z");

    @Test
    void lifecycle_createdRunningExitedRunning_tracksPidCodeAndTimes() {
        ContainerState s = ContainerState.created();
        assertTrue(s.isCreated());

        s = s.running(42, 41, T1);
        assertTrue(s.isRunning());
        assertEquals(42, s.pid());

        s = s.exited(3, T2);
        assertEquals("exited", s.status());
        assertEquals(0, s.pid());
        assertEquals(3, s.exitCode());
        assertEquals(T1, s.startedAt());
        assertEquals(T2, s.finishedAt());

        s = s.running(43, 44, T2);
        assertEquals(0, s.exitCode());
        assertEquals(T2, s.finishedAt());
    }

    @Test
    void running_whenRunning_throwsConflict() {
        ContainerState s = ContainerState.created().running(1, 2, T1);
        assertThrows(ConflictException.class, () -> s.running(3, 4, T2));
    }

    @Test
    void exited_whenNotRunning_throwsConflict() {
        assertThrows(ConflictException.class, () -> ContainerState.created().exited(0, T1));
    }

    @Test
    void withStartError_keepsStatusRecordsErrorAndCode() {
        ContainerState s = ContainerState.created().withStartError("exec: not found", 127);

        assertTrue(s.isCreated());
        assertFalse(s.isRunning());
        assertEquals(127, s.exitCode());
        assertEquals("exec: not found", s.error());
    }

    @Test
    void json_roundTrip_keepsEveryFieldAndDockersNames() throws Exception {
        ContainerState s = ContainerState.created().running(42, 41, T1).exited(137, T2);

        String json = Json.MAPPER.writeValueAsString(s);

        assertTrue(json.contains("\"Status\":\"exited\""), json);
        assertTrue(json.contains("\"Running\":false"), json);
        assertTrue(json.contains("\"StartedAt\":\"2026-11-29T09:09:56.271361124Z\""), json);
        assertTrue(json.contains("\"FinishedAt\":\"2026-11-29T09:10:00Z\""), json);
        assertEquals(s, Json.MAPPER.readValue(json, ContainerState.class));
    }
}
