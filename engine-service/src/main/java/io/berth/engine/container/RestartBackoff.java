package io.berth.engine.container;

/**
 * The delay before a restart by the restart policy, as moby's restartmanager: 100 ms for the first
 * restart, doubled at each further one up to 1 minute, and back to 100 ms after a run of at least 10 s.
 * Kept in memory per container (dockerd does not persist it either). Not thread-safe: used with the
 * container's lock held.
 */
public final class RestartBackoff {
    /** First delay, ms. */
    public static final long INITIAL_MILLIS = 100;
    /** Largest delay, ms. */
    public static final long MAX_MILLIS = 60_000;
    /** A run at least this long resets the delay, ms. */
    public static final long RESET_AFTER_MILLIS = 10_000;

    private long delayMillis;

    /**
     * @param ranMillis how long the run that just ended lasted, ms
     * @return the delay before the next restart, ms
     */
    public long next(long ranMillis) {
        if (ranMillis >= RESET_AFTER_MILLIS) {
            delayMillis = 0;
        }
        delayMillis = delayMillis == 0 ? INITIAL_MILLIS : Math.min(delayMillis * 2, MAX_MILLIS);
        return delayMillis;
    }

    /** Back to the first delay (a start by the user). */
    public void reset() {
        delayMillis = 0;
    }
}
