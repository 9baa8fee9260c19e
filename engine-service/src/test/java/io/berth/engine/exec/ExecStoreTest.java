package io.berth.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.NotFoundException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecStoreTest {
    private final ExecStore store = new ExecStore();

    @AfterEach
    void close() {
        store.close();
    }

    private static ExecRecord exec(String id, String container) {
        return new ExecRecord(id, container, new ExecConfig("true", List.of(), List.of(), "", "", false, false,
                false, true, true, new byte[0]));
    }

    @Test
    void get_isByExactIdOnly_withDockersText() {
        ExecRecord r = exec("abcdef", "c1");
        store.add(r);
        assertSame(r, store.get("abcdef"));
        NotFoundException e = assertThrows(NotFoundException.class, () -> store.get("abc"));
        assertEquals("No such exec instance: abc", e.getMessage());
    }

    @Test
    void cleanup_marksFinishedExecsFirst_andDropsThemAtTheNextPass() {
        ExecRecord done = exec("e1", "c1");
        ExecRecord created = exec("e2", "c1");
        store.add(done);
        store.add(created);
        done.claimStart();
        done.exited(0);
        store.cleanupPass(r -> !r.finished());
        assertTrue(done.canRemove());
        assertFalse(created.canRemove());
        assertEquals(2, store.size());
        store.cleanupPass(r -> !r.finished());
        assertEquals(List.of(created), store.all());
    }

    @Test
    void removeContainer_dropsAllItsExecs() {
        store.add(exec("e1", "c1"));
        store.add(exec("e2", "c2"));
        store.removeContainer("c1");
        assertEquals(1, store.size());
        assertEquals("c2", store.all().get(0).containerId());
    }

    @Test
    void anExecStartsOnce_withDockersConflictTexts() {
        ExecRecord r = exec("e1", "c1");
        assertEquals(null, r.claimStart());
        assertEquals("Error: Exec command e1 is already running", r.claimStart());
        r.exited(3);
        assertEquals("Error: Exec command e1 has already run", r.claimStart());
        assertEquals(3, r.exitCode().getAsInt());
    }

    @Test
    void activeIds_areTheContainersUnfinishedExecs_oldestFirst() {
        ExecRecord a = exec("a", "c1");
        ExecRecord done = exec("d", "c1");
        ExecRecord b = exec("b", "c1");
        store.add(b.createdNanos() < a.createdNanos() ? b : a);
        store.add(done);
        store.add(b.createdNanos() < a.createdNanos() ? a : b);
        store.add(exec("x", "c2"));
        done.claimStart();
        done.exited(0);
        assertEquals(List.of("a", "b"), store.activeIds("c1"));
        assertEquals(List.of(), store.activeIds("c3"));
    }
}
