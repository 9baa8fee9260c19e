package io.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WaitersTest {
    private final Waiters waiters = new Waiters();

    private AtomicReference<Waiters.Result> add(WaitCondition c) {
        AtomicReference<Waiters.Result> got = new AtomicReference<>();
        waiters.add(c, got::set);
        return got;
    }

    @Test
    void completeExit_completesNotRunningAndNextExitButNotRemoved() {
        var notRunning = add(WaitCondition.NOT_RUNNING);
        var nextExit = add(WaitCondition.NEXT_EXIT);
        var removed = add(WaitCondition.REMOVED);

        waiters.completeExit(3);

        assertEquals(3, notRunning.get().statusCode());
        assertEquals(3, nextExit.get().statusCode());
        assertNull(removed.get());
        assertEquals(1, waiters.size());
    }

    @Test
    void completeRemoved_completesEveryRemainingWaiter() {
        var removed = add(WaitCondition.REMOVED);
        var nextExit = add(WaitCondition.NEXT_EXIT);

        waiters.completeRemoved(137);

        assertEquals(137, removed.get().statusCode());
        assertEquals(137, nextExit.get().statusCode());
        assertEquals(0, waiters.size());
    }

    @Test
    void cancel_unregistersTheWaiter() {
        AtomicReference<Waiters.Result> got = new AtomicReference<>();
        Waiters.Registration reg = waiters.add(WaitCondition.NEXT_EXIT, got::set);

        reg.cancel();
        waiters.completeExit(1);

        assertNull(got.get());
        assertEquals(0, waiters.size());
    }

    @Test
    void completeExit_resultCompletesEachWaiterOnce() {
        var w = add(WaitCondition.NEXT_EXIT);
        waiters.completeExit(1);
        waiters.completeExit(2);
        waiters.completeRemoved(3);

        assertEquals(1, w.get().statusCode());
    }
}
