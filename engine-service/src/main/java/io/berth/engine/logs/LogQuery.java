package io.berth.engine.logs;

/**
 * What to read from a container's log (Docker's {@code GET /containers/{id}/logs} parameters, Engine API
 * 1.41).
 *
 * @param stdout include stdout entries
 * @param stderr include stderr entries
 * @param sinceNano only entries at or after this time (ns since epoch; 0 = no bound)
 * @param untilNano only entries at or before this time (ns since epoch; 0 = no bound)
 * @param tail only the last N entries of the file (counted over both streams, as dockerd does, before
 *     the time filter); negative = all
 */
public record LogQuery(boolean stdout, boolean stderr, long sinceNano, long untilNano, int tail) {
    /** @return both streams, everything */
    public static LogQuery all() {
        return new LogQuery(true, true, 0, 0, -1);
    }

    /**
     * @param e an entry
     * @return true if its stream is selected
     */
    public boolean wantsStream(LogEntry e) {
        return e.stream() == LogStream.STDOUT ? stdout : stderr;
    }

    /**
     * @param e an entry
     * @return true if its stream is selected and its time is within since/until
     */
    public boolean accepts(LogEntry e) {
        return wantsStream(e) && (sinceNano <= 0 || e.timeNano() >= sinceNano) && !isAfterUntil(e);
    }

    /**
     * @param e an entry
     * @return true if an until bound is set and the entry is after it
     */
    public boolean isAfterUntil(LogEntry e) {
        return untilNano > 0 && e.timeNano() > untilNano;
    }
}
