package io.berth.daemon;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * When berthd restarts a service that died: after an exponential back-off (initial, doubled per crash in
 * the window, capped), and not at all once {@code maxCrashes} crashes fall within {@code window}: then the
 * service is crash-looping and berthd gives up and shuts everything down. Not thread-safe: one per service,
 * used from the supervisor's thread.
 */
public final class RestartPolicy {
    private final int maxCrashes;
    private final Duration window;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Deque<Instant> crashes = new ArrayDeque<>();

    /**
     * @param maxCrashes crashes within {@code window} that make berthd give up (at least 1)
     * @param window the window
     * @param initialBackoff delay before the first restart
     * @param maxBackoff longest delay
     */
    public RestartPolicy(int maxCrashes, Duration window, Duration initialBackoff, Duration maxBackoff) {
        this.maxCrashes = maxCrashes;
        this.window = window;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** @return berthd's policy: give up after 4 crashes within 2 minutes; back-off 1 s, 2 s, 4 s, ... 30 s */
    public static RestartPolicy standard() {
        return new RestartPolicy(4, Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /**
     * Records a crash.
     *
     * @param now when it happened
     * @return the delay before restarting, or empty to give up
     */
    public Optional<Duration> onCrash(Instant now) {
        crashes.addLast(now);
        while (!crashes.isEmpty() && crashes.peekFirst().isBefore(now.minus(window))) {
            crashes.removeFirst();
        }
        int n = crashes.size();
        if (n >= maxCrashes) {
            return Optional.empty();
        }
        Duration d = initialBackoff.multipliedBy(1L << Math.min(n - 1, 20));
        return Optional.of(d.compareTo(maxBackoff) > 0 ? maxBackoff : d);
    }

    /** @return the number of crashes counted in the current window */
    public int recentCrashes() {
        return crashes.size();
    }
}
