package io.berth.engine.logs;

/**
 * Receives a container's output (attach streams, {@code logs}), from a {@link LogPump}: entries in batches,
 * then the end. Calls for one subscriber never overlap; they must not block.
 */
public interface LogSubscriber {
    /**
     * A new entry (already in the container's log file).
     *
     * @param entry the entry
     */
    void onEntry(LogEntry entry);

    /** The entries of one read are delivered (a good moment to send what was buffered). */
    default void onBatchEnd() {
    }

    /** The output is complete (the container stopped, or the requested part was sent): nothing more comes. */
    void onEnd();

    /**
     * Flow control: the pump reads the next batch only while this is true, and resumes when told with
     * {@link LogPump#wake()} (a gRPC call's on-ready handler).
     *
     * @return true if the subscriber can take another batch now
     */
    default boolean isReady() {
        return true;
    }
}
