package io.berth.engine.logs;

/**
 * Receives a container's output live (attach streams, {@code logs --follow}). Calls come from the log
 * follower's thread, one at a time per subscriber; they must not block.
 */
public interface LogSubscriber {
    /**
     * A new entry (already appended to the json-file log).
     *
     * @param entry the entry
     */
    void onEntry(LogEntry entry);

    /** The container stopped and its output is complete: no more entries will come. */
    void onEnd();
}
