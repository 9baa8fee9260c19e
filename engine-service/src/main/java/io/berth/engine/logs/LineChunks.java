package io.berth.engine.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a line-oriented log file by byte offset, a bounded chunk of complete lines at a time. The file is
 * opened at the first read that finds it and stays open until {@link #close()}, so a reader finishes a log
 * even after the file was deleted (a container removed right after it exited, {@code docker run --rm}).
 */
final class LineChunks implements AutoCloseable {
    /** Turns one line (without its "\n") into an entry, or empty if it is malformed. */
    interface LineDecoder {
        Optional<LogEntry> decode(byte[] bytes, int from, int to);
    }

    private final Path file;
    private final LineDecoder decoder;
    private FileChannel channel;
    private boolean closed;

    /**
     * @param file the log file (it may not exist yet)
     * @param decoder how lines become entries
     */
    LineChunks(Path file, LineDecoder decoder) {
        this.file = file;
        this.decoder = decoder;
    }

    /** @return the size of {@code file}, 0 if it does not exist */
    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + file, e);
        }
    }

    /** See {@link LogSource#readFrom}; a file that does not exist yet, or a closed reader, reads as empty. */
    synchronized LogSource.Chunk read(long offset, long limit, int maxBytes) {
        try {
            FileChannel ch = channel();
            if (ch == null) {
                return new LogSource.Chunk(List.of(), offset);
            }
            long end = Math.min(limit, ch.size());
            int want = maxBytes;
            while (true) {
                int len = (int) Math.min(want, Math.max(0, end - offset));
                if (len == 0) {
                    return new LogSource.Chunk(List.of(), offset);
                }
                ByteBuffer buf = ByteBuffer.allocate(len);
                while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) > 0) {
                    // fill
                }
                int last = lastNewline(buf.array(), buf.position());
                if (last >= 0) {
                    return new LogSource.Chunk(decodeLines(buf.array(), last, decoder), offset + last + 1);
                }
                if (len < want || offset + len >= end) {
                    return new LogSource.Chunk(List.of(), offset);
                }
                want = Math.multiplyExact(want, 2);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private FileChannel channel() throws IOException {
        if (closed) {
            return null;
        }
        if (channel == null) {
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                return null;
            }
        }
        return channel;
    }

    /** Closes the file if it was opened. */
    @Override
    public synchronized void close() {
        closed = true;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was written through it
            }
            channel = null;
        }
    }

    private static List<LogEntry> decodeLines(byte[] b, int last, LineDecoder decoder) {
        List<LogEntry> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= last; i++) {
            if (b[i] == '\n') {
                decoder.decode(b, start, i).ifPresent(out::add);
                start = i + 1;
            }
        }
        return out;
    }

    private static int lastNewline(byte[] b, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
