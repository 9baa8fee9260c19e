package io.berth.engine.logs;

import io.berth.common.fs.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Tails conmon's k8s-file log of one container run and turns it into Docker's json-file log: each
 * complete k8s line becomes one json-file entry, appended to the {@link JsonFileLog} under the
 * {@link LogHub}'s lock, whose readers are then told. The byte offset reached in the k8s file is kept in an
 * offset file next to it, so a new follower (after an engine restart) resumes where the last one stopped,
 * without duplicates.
 * A trailing line without "\n" (conmon is still writing it) is left for the next {@link #poll()}.
 */
public final class LogFollower {
    private static final Logger LOG = LogManager.getLogger(LogFollower.class);
    private static final int CHUNK_BYTES = 1 << 20;

    private final Path k8sLog;
    private final Path offsetFile;
    private final JsonFileLog jsonLog;
    private final LogHub hub;
    private long offset;

    /**
     * @param k8sLog conmon's k8s-file log ({@code -l k8s-file:<path>})
     * @param offsetFile where the offset reached is remembered (read now if it exists)
     * @param jsonLog the json-file log to append to
     * @param hub the subscribers to notify
     */
    public LogFollower(Path k8sLog, Path offsetFile, JsonFileLog jsonLog, LogHub hub) {
        this.k8sLog = k8sLog;
        this.offsetFile = offsetFile;
        this.jsonLog = jsonLog;
        this.hub = hub;
        this.offset = readOffset(offsetFile);
    }

    /** @return the byte offset reached in the k8s-file log */
    public synchronized long offset() {
        return offset;
    }

    /**
     * Converts every complete line written since the last call.
     *
     * @return the number of entries converted
     * @throws UncheckedIOException if the json-file log cannot be written
     */
    public synchronized int poll() {
        int total = 0;
        try (FileChannel ch = FileChannel.open(k8sLog, StandardOpenOption.READ)) {
            if (ch.size() < offset) {
                LOG.warn("{} shrank below offset {}; starting over", k8sLog, offset);
                offset = 0;
            }
            int n;
            while ((n = pollChunk(ch)) > 0) {
                total += n;
            }
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + k8sLog, e);
        }
        return total;
    }

    private int pollChunk(FileChannel ch) throws IOException {
        long available = ch.size() - offset;
        if (available <= 0) {
            return 0;
        }
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(available, CHUNK_BYTES));
        while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) > 0) {
            // read until the buffer is full or EOF
        }
        byte[] bytes = Arrays.copyOf(buf.array(), buf.position());
        int end = lastNewline(bytes);
        if (end < 0) {
            return 0;
        }
        List<LogEntry> entries = parseLines(bytes, end);
        hub.publish(() -> jsonLog.append(entries));
        offset += end + 1;
        AtomicFiles.writeUnsynced(offsetFile, Long.toString(offset).getBytes(StandardCharsets.US_ASCII));
        return Math.max(entries.size(), 1);
    }

    private List<LogEntry> parseLines(byte[] bytes, int end) {
        List<LogEntry> entries = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= end; i++) {
            if (bytes[i] == '\n') {
                byte[] line = Arrays.copyOfRange(bytes, start, i);
                K8sLogParser.parse(line).ifPresentOrElse(entries::add,
                        () -> LOG.warn("skipping malformed k8s log line in {}", k8sLog));
                start = i + 1;
            }
        }
        return entries;
    }

    private static int lastNewline(byte[] b) {
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static long readOffset(Path file) {
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException | NumberFormatException e) {
            LOG.warn("unreadable log offset {}: {}; starting at 0", file, e.toString());
            return 0;
        }
    }
}
