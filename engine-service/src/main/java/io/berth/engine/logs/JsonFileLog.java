package io.berth.engine.logs;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A container's Docker json-file log, {@code <data-root>/containers/<id>/<id>-json.log}: appended by the
 * log follower, read by {@code logs} and {@code attach} (through {@link LogPump}s, by byte offset, a bounded
 * chunk at a time, so even a log of gigabytes is streamed in constant memory).
 */
public final class JsonFileLog implements LogSource {
    /** A new log file is 0640, root's (dockerd's json-file mode), created so from the start. */
    private static final java.nio.file.attribute.FileAttribute<?> LOG_MODE = java.nio.file.attribute.PosixFilePermissions
            .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
    private static final int APPEND_BUFFER = 64 * 1024;

    private final Path file;
    private final LineChunks reader;

    /** @param file the log file (created on the first append) */
    public JsonFileLog(Path file) {
        this.file = file;
        this.reader = new LineChunks(file, JsonLogCodec::decode);
    }

    /** @return the log file's path */
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

    @Override
    public void close() {
        reader.close();
    }

    /**
     * Finds where the last {@code lines} lines before {@code end} start (Docker's {@code tail}), scanning
     * backwards from {@code end} a block at a time.
     *
     * @param end a line boundary, e.g. {@link #size()}
     * @param lines how many lines; negative = all
     * @return the offset of the first of those lines (0 if the file has fewer; {@code end} for 0 lines)
     * @throws UncheckedIOException if the file cannot be read
     */
    public long tailStart(long end, int lines) {
        if (lines < 0 || end <= 0) {
            return 0;
        }
        if (lines == 0) {
            return end;
        }
        return reader.tailStart(end, lines).offset();
    }

    /**
     * Appends entries, one JSON line each.
     *
     * @param entries the entries
     * @throws UncheckedIOException if the file cannot be written
     */
    public void append(List<LogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try (OutputStream out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(
                Files.newByteChannel(file, java.util.EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE), LOG_MODE)), APPEND_BUFFER)) {
            for (LogEntry e : entries) {
                out.write(JsonLogCodec.encode(e));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /**
     * Reads the entries a query selects: the last {@code tail} lines of the file (all if negative), then
     * those of the selected streams within since/until, in file order. Malformed lines are skipped. A
     * missing file reads as empty.
     *
     * @param q the query
     * @return the entries
     * @throws UncheckedIOException if the file cannot be read
     */
    public List<LogEntry> read(LogQuery q) {
        if (q.tail() == 0) {
            return List.of();
        }
        Deque<LogEntry> window = new ArrayDeque<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                Optional<LogEntry> e = JsonLogCodec.decode(line);
                if (e.isEmpty()) {
                    continue;
                }
                window.addLast(e.get());
                if (q.tail() > 0 && window.size() > q.tail()) {
                    window.removeFirst();
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<LogEntry> out = new ArrayList<>();
        for (LogEntry e : window) {
            if (q.accepts(e)) {
                out.add(e);
            }
        }
        return out;
    }
}
