package io.berth.engine.logs;

import java.util.Arrays;

/**
 * One piece of container output: a full line with its "\n", or a partial line without it.
 *
 * @param stream where it was written
 * @param data the bytes exactly as logged
 * @param timeNano when conmon read it, nanoseconds since the Unix epoch
 */
public record LogEntry(LogStream stream, byte[] data, long timeNano) {
    @Override
    public boolean equals(Object o) {
        return o instanceof LogEntry e && e.stream == stream && e.timeNano == timeNano && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * stream.hashCode() + Arrays.hashCode(data)) + Long.hashCode(timeNano);
    }

    @Override
    public String toString() {
        return "LogEntry[" + stream.wireName() + ", " + new String(data, java.nio.charset.StandardCharsets.UTF_8)
                .replace("\n", "\\n") + ", " + timeNano + "]";
    }
}
