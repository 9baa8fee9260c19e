package io.berth.engine.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a line-oriented log file by byte offset, a bounded chunk of complete lines at a time. The file is
 * opened at the first read that finds it and stays open until {@link #close()}, so a reader finishes a log
 * even after the file was deleted (a container removed right after it exited, {@code docker run --rm}).
 */
final class LineChunks implements AutoCloseable {
    private static final int TAIL_BLOCK = 64 * 1024;
    /** Turns one line (without its "\n") into an entry, or empty if it is malformed. */
    interface LineDecoder {
        Optional<LogEntry> decode(byte[] bytes, int from, int to);
    }

    private final Path file;
    private final LineDecoder decoder;
    private FileChannel channel;
    private Object fileKey;
    private boolean closed;

    /**
     * Where a tail starts, scanning backwards ({@link #tailStart}).
     *
     * @param offset the offset of the first line of the tail
     * @param found how many lines were found (fewer than asked if the file has fewer)
     */
    record Tail(long offset, int found) {
    }

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
        for (int attempt = 0; channel == null && attempt < 3; attempt++) {
            // The file's identity before and after the open: equal means the channel holds that file (a
            // rotation between the two would otherwise go unnoticed by the reader that follows it).
            Object before = fileKey(file);
            if (before == null) {
                return null;
            }
            FileChannel ch;
            try {
                ch = FileChannel.open(file, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                return null;
            }
            if (before.equals(fileKey(file))) {
                channel = ch;
                fileKey = before;
            } else {
                ch.close();
            }
        }
        return channel;
    }

    /**
     * @param file a path
     * @return the identity (device and inode) of the file it names now, or {@code null} if none
     */
    static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + file, e);
        }
    }

    /**
     * @return the identity of the file this reader holds open, {@code null} if it has not opened one yet
     */
    synchronized Object openedFileKey() {
        return fileKey;
    }

    /** @return the size of the file this reader holds (or would open), 0 if none */
    synchronized long openedSize() {
        try {
            FileChannel ch = channel();
            return ch == null ? 0 : ch.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + file, e);
        }
    }

    /**
     * Finds where the last {@code lines} lines before {@code end} start (Docker's {@code tail}), scanning
     * backwards from {@code end} a 64 KiB block at a time in the file this reader holds.
     *
     * @param end a line boundary
     * @param lines how many lines, at least 1
     * @return the start and how many lines were found
     * @throws UncheckedIOException if the file cannot be read
     */
    synchronized Tail tailStart(long end, int lines) {
        try {
            FileChannel ch = channel();
            if (ch == null || end <= 0) {
                return new Tail(0, 0);
            }
            int seen = 0;
            long pos = end;
            ByteBuffer buf = ByteBuffer.allocate(TAIL_BLOCK);
            while (pos > 0) {
                int len = (int) Math.min(TAIL_BLOCK, pos);
                buf.clear().limit(len);
                long from = pos - len;
                while (buf.hasRemaining() && ch.read(buf, from + buf.position()) > 0) {
                    // fill
                }
                for (int i = buf.position() - 1; i >= 0; i--) {
                    if (buf.get(i) == '\n' && ++seen == lines + 1) {
                        return new Tail(from + i + 1, lines);
                    }
                }
                pos = from;
            }
            return new Tail(0, seen);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
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
