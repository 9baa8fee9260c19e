package io.berth.engine.logs;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * One file of conmon's k8s-file log ({@link K8sLogParser}), read as a {@link LogSource}. Raw, it gives the
 * container's output exactly as written (bytes that are not UTF-8 included), which live attach streams need;
 * as text it gives what dockerd's json-file log would hold, each byte of invalid UTF-8 as U+FFFD (Go's
 * encoding/json rules, {@link GoUtf8}), which {@code docker logs} shows.
 */
public final class K8sFileLog implements LogSource {
    private final Path file;
    private final LineChunks reader;

    /**
     * @param file the k8s-file log (it may not exist yet)
     * @param text true for {@code docker logs}' view (invalid UTF-8 as U+FFFD), false for the raw bytes
     */
    public K8sFileLog(Path file, boolean text) {
        this.file = file;
        this.reader = new LineChunks(file, (b, from, to) -> decode(Arrays.copyOfRange(b, from, to), text));
    }

    /**
     * @param line one line without its "\n"
     * @param text whether to turn invalid UTF-8 into U+FFFD
     * @return the entry, or empty if malformed
     */
    static Optional<LogEntry> decode(byte[] line, boolean text) {
        Optional<LogEntry> e = K8sLogParser.parse(line);
        if (!text || e.isEmpty()) {
            return e;
        }
        LogEntry raw = e.get();
        return Optional.of(new LogEntry(raw.stream(), GoUtf8.encode(GoUtf8.decode(raw.data())), raw.timeNano()));
    }

    /** @return the path this log reads */
    public Path file() {
        return file;
    }

    @Override
    public long size() {
        return LineChunks.size(file);
    }

    @Override
    public Chunk readFrom(long offset, long limit, int maxBytes) {
        return reader.read(offset, limit, maxBytes);
    }

    /**
     * @param end a line boundary
     * @param lines how many lines, at least 1
     * @return where the last {@code lines} lines before {@code end} start, and how many there are
     */
    LineChunks.Tail tail(long end, int lines) {
        return reader.tailStart(end, lines);
    }

    /** @return the size of the file this log holds open (opening it if it exists), 0 if none */
    long openedSize() {
        return reader.openedSize();
    }

    /** @return the identity of the file this log holds open, {@code null} if none yet */
    Object openedFileKey() {
        return reader.openedFileKey();
    }

    @Override
    public void close() {
        reader.close();
    }
}
