package io.berth.engine.logs;

import java.util.List;

/**
 * A log file a {@link LogPump} streams from, read by byte offset a bounded chunk at a time: one file of
 * conmon's k8s-file log ({@link K8sFileLog}, {@link GzipLog}) or all of them ({@link RotatingLog}). The
 * file stays open from the first read until {@link #close()}, so it can be read to its end after deletion.
 */
public interface LogSource extends AutoCloseable {
    /**
     * Complete lines read from a log.
     *
     * @param entries the decoded entries, in file order (malformed lines are skipped)
     * @param nextOffset the byte offset just after the last complete line read
     */
    record Chunk(List<LogEntry> entries, long nextOffset) {
    }

    /** @return the file's size in bytes (0 if it does not exist yet) */
    long size();

    /**
     * Reads the complete lines that start at {@code offset} and end before {@code limit}, about
     * {@code maxBytes} at a time (more only if a single line is longer). A line still being written (no
     * final "\n" yet) is not returned.
     *
     * @param offset where to start, at a line boundary
     * @param limit read no byte at or after this offset ({@link Long#MAX_VALUE}: to the end of the file)
     * @param maxBytes about how many bytes to read
     * @return the entries and the offset to continue from ({@code offset} itself if nothing complete is there)
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    Chunk readFrom(long offset, long limit, int maxBytes);

    /**
     * Reads every complete line there is now (for tests and small logs: the entries are held in memory).
     *
     * @return the entries, in file order
     */
    default List<LogEntry> readAll() {
        List<LogEntry> out = new java.util.ArrayList<>();
        long offset = 0;
        while (true) {
            Chunk c = readFrom(offset, Long.MAX_VALUE, 256 * 1024);
            if (c.nextOffset() == offset) {
                return out;
            }
            out.addAll(c.entries());
            offset = c.nextOffset();
        }
    }

    /** Releases the file if reading opened it (reading must not be resumed afterwards). */
    @Override
    void close();
}
