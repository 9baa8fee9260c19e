package io.berth.engine.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogHubTest {
    private static final class Recorder implements LogSubscriber {
        final List<String> got = new ArrayList<>();

        @Override
        public void onEntry(LogEntry e) {
            got.add(new String(e.data(), StandardCharsets.UTF_8));
        }

        @Override
        public void onEnd() {
            got.add("<end>");
        }
    }

    private static List<LogEntry> entry(String s) {
        return List.of(new LogEntry(LogStream.STDOUT, s.getBytes(StandardCharsets.UTF_8), 1));
    }

    @Test
    void publish_runsAppendThenDeliversToSubscribers() {
        LogHub hub = new LogHub();
        Recorder r = new Recorder();
        hub.subscribe(r);
        List<String> order = new ArrayList<>();

        hub.publish(entry("x\n"), () -> order.add("append"));

        assertEquals(List.of("append"), order);
        assertEquals(List.of("x\n"), r.got);
    }

    @Test
    void close_endsSubscribers_andLaterSubscribersEndAtOnceUntilReopened() {
        LogHub hub = new LogHub();
        Recorder before = new Recorder();
        hub.subscribe(before);

        hub.close();
        Recorder late = new Recorder();
        hub.subscribe(late);
        hub.reopen();
        Recorder next = new Recorder();
        hub.subscribe(next);
        hub.publish(entry("y\n"), () -> { });

        assertEquals(List.of("<end>"), before.got);
        assertEquals(List.of("<end>"), late.got);
        assertEquals(List.of("y\n"), next.got);
    }

    @Test
    void subscription_closed_receivesNothingMore() {
        LogHub hub = new LogHub();
        Recorder r = new Recorder();
        LogHub.Subscription s = hub.subscribe(r);

        s.close();
        hub.publish(entry("z\n"), () -> { });
        hub.close();

        assertEquals(List.of(), r.got);
        assertEquals(0, hub.subscriberCount());
    }

    @Test
    void subscribeAfter_replayRunsBeforeLiveEntries() {
        LogHub hub = new LogHub();
        Recorder r = new Recorder();
        hub.subscribeAfter(() -> r.got.add("replayed"), r);
        hub.publish(entry("live\n"), () -> { });

        assertEquals(List.of("replayed", "live\n"), r.got);
    }

    @Test
    void publish_subscriberThrowing_isDroppedOthersStillServed() {
        LogHub hub = new LogHub();
        hub.subscribe(new LogSubscriber() {
            @Override
            public void onEntry(LogEntry e) {
                throw new IllegalStateException("client gone");
            }

            @Override
            public void onEnd() {
            }
        });
        Recorder ok = new Recorder();
        hub.subscribe(ok);

        hub.publish(entry("a\n"), () -> { });
        hub.publish(entry("b\n"), () -> { });

        assertEquals(List.of("a\n", "b\n"), ok.got);
        assertEquals(1, hub.subscriberCount());
    }
}
