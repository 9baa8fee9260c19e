package io.berth.engine.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogHubTest {
    private static final class Recorder implements LogHub.Listener {
        final List<String> got = new ArrayList<>();

        @Override
        public void onAppended() {
            got.add("appended");
        }

        @Override
        public void onClosed() {
            got.add("<end>");
        }
    }

    @Test
    void publish_runsAppendThenTellsListeners() {
        LogHub hub = new LogHub();
        List<String> order = new ArrayList<>();
        hub.subscribe(new LogHub.Listener() {
            @Override
            public void onAppended() {
                order.add("told");
            }

            @Override
            public void onClosed() {
            }
        }, () -> { });

        hub.publish(() -> order.add("append"));

        assertEquals(List.of("append", "told"), order);
    }

    @Test
    void close_endsListeners_andLaterListenersEndAtOnceUntilReopened() {
        LogHub hub = new LogHub();
        Recorder before = new Recorder();
        hub.subscribe(before, () -> { });

        hub.close();
        Recorder late = new Recorder();
        hub.subscribe(late, () -> { });
        hub.reopen();
        Recorder next = new Recorder();
        hub.subscribe(next, () -> { });
        hub.publish(() -> { });

        assertEquals(List.of("<end>"), before.got);
        assertEquals(List.of("<end>"), late.got);
        assertEquals(List.of("appended"), next.got);
    }

    @Test
    void subscription_closed_isToldNothingMore() {
        LogHub hub = new LogHub();
        Recorder r = new Recorder();
        LogHub.Subscription s = hub.subscribe(r, () -> { });

        s.close();
        hub.publish(() -> { });
        hub.close();

        assertEquals(List.of(), r.got);
        assertEquals(0, hub.subscriberCount());
    }

    @Test
    void subscribe_atomicPartRunsBeforeAnyLaterAppend() {
        LogHub hub = new LogHub();
        List<String> order = new ArrayList<>();
        Recorder r = new Recorder();
        hub.subscribe(r, () -> order.add("noted size"));
        hub.publish(() -> order.add("append"));

        assertEquals(List.of("noted size", "append"), order);
        assertEquals(List.of("appended"), r.got);
    }

    @Test
    void publish_listenerThrowing_isDroppedOthersStillTold() {
        LogHub hub = new LogHub();
        hub.subscribe(new LogHub.Listener() {
            @Override
            public void onAppended() {
                throw new IllegalStateException("client gone");
            }

            @Override
            public void onClosed() {
            }
        }, () -> { });
        Recorder ok = new Recorder();
        hub.subscribe(ok, () -> { });

        hub.publish(() -> { });
        hub.publish(() -> { });

        assertEquals(List.of("appended", "appended"), ok.got);
        assertEquals(1, hub.subscriberCount());
    }

    @Test
    void subscribeNextRun_whileClosed_waitsForTheNextRunAndEndsWithIt() {
        LogHub hub = new LogHub();
        hub.close();
        Recorder r = new Recorder();
        hub.subscribeNextRun(r, () -> { });

        hub.publish(() -> { });
        assertEquals(List.of(), r.got);
        hub.reopen();
        hub.publish(() -> { });
        hub.close();

        assertEquals(List.of("appended", "<end>"), r.got);
        assertEquals(0, hub.subscriberCount());
    }

    @Test
    void closeForGood_endsWaitingListeners_andLaterOnesAtOnce() {
        LogHub hub = new LogHub();
        hub.close();
        Recorder waiting = new Recorder();
        hub.subscribeNextRun(waiting, () -> { });

        hub.closeForGood();
        Recorder late = new Recorder();
        hub.subscribeNextRun(late, () -> { });
        hub.reopen();

        assertEquals(List.of("<end>"), waiting.got);
        assertEquals(List.of("<end>"), late.got);
        assertEquals(false, hub.isOpen());
    }
}
