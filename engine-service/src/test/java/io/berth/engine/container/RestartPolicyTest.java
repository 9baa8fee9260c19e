package io.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RestartPolicyTest {
    @Test
    void afterExit_asRestartmanager_manualStopNeverRestarts() {
        assertFalse(new RestartPolicy("no", 0).restartsAfterExit(1, false, 0));
        assertFalse(new RestartPolicy("", 0).restartsAfterExit(1, false, 0));
        assertTrue(new RestartPolicy("always", 0).restartsAfterExit(0, false, 100));
        assertFalse(new RestartPolicy("always", 0).restartsAfterExit(0, true, 0));
        assertTrue(new RestartPolicy("unless-stopped", 0).restartsAfterExit(0, false, 0));
        assertFalse(new RestartPolicy("unless-stopped", 0).restartsAfterExit(1, true, 0));
        assertFalse(new RestartPolicy("on-failure", 0).restartsAfterExit(0, false, 0));
        assertTrue(new RestartPolicy("on-failure", 0).restartsAfterExit(1, false, 1000));
        assertTrue(new RestartPolicy("on-failure", 3).restartsAfterExit(1, false, 2));
        assertFalse(new RestartPolicy("on-failure", 3).restartsAfterExit(1, false, 3));
    }

    @Test
    void atEngineStart_alwaysEvenWhenStopped_unlessStoppedOnlyIfNot() {
        assertTrue(new RestartPolicy("always", 0).startsWithEngine(137, true, 0));
        assertTrue(new RestartPolicy("unless-stopped", 0).startsWithEngine(143, false, 0));
        assertFalse(new RestartPolicy("unless-stopped", 0).startsWithEngine(143, true, 0));
        assertTrue(new RestartPolicy("on-failure", 2).startsWithEngine(143, false, 1));
        assertFalse(new RestartPolicy("on-failure", 2).startsWithEngine(0, false, 0));
        assertFalse(new RestartPolicy("no", 0).startsWithEngine(1, false, 0));
        assertTrue(new RestartPolicy("no", 0).isNone());
    }

    @Test
    void backoff_doublesFrom100ms_capsAtAMinute_resetsAfter10sRun() {
        RestartBackoff b = new RestartBackoff();
        assertEquals(100, b.next(0));
        assertEquals(200, b.next(50));
        assertEquals(400, b.next(9_999));
        assertEquals(100, b.next(10_000));
        for (int i = 0; i < 20; i++) {
            b.next(0);
        }
        assertEquals(60_000, b.next(0));
        b.reset();
        assertEquals(100, b.next(0));
    }
}
