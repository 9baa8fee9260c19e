package io.berth.engine.logs;

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
 * log follower, read by {@code logs} and {@code attach?logs=1}.
 */
public final class JsonFileLog {
    private final Path file;

    /** @param file the log file (created on the first append) */
    public JsonFileLog(Path file) {
        this.file = file;
    }

    /** @return the log file's path */
    public Path file() {
        return file;
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
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE)) {
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
