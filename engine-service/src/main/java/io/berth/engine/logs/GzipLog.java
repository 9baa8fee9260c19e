package io.berth.engine.logs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A rotated file of a k8s-file log compressed with gzip ({@code max-file} with {@code compress=true}, as
 * dockerd's json-file driver compresses its rotated files), read as a {@link LogSource} whose offsets are
 * positions in the uncompressed text. It is read forwards only: a read at another offset than the last one
 * ended at starts over from the beginning. The file is opened at construction and held until
 * {@link #close()}, so a rotation that deletes it meanwhile does not disturb the reader.
 */
final class GzipLog implements LogSource {
    private final Path file;
    private final boolean text;
    private final FileChannel channel;
    private InputStream in;
    private long position;
    private byte[] carry = new byte[0];

    /**
     * @param file the .gz file
     * @param text see {@link K8sFileLog}
     * @throws IOException if it cannot be opened
     */
    GzipLog(Path file, boolean text) throws IOException {
        this.file = file;
        this.text = text;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
    }

    /** @return the uncompressed size (reads the whole file) */
    @Override
    public synchronized long size() {
        long n = 0;
        try (InputStream s = fresh()) {
            byte[] buf = new byte[64 * 1024];
            int r;
            while ((r = s.read(buf)) > 0) {
                n += r;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return n;
    }

    @Override
    public synchronized Chunk readFrom(long offset, long limit, int maxBytes) {
        try {
            if (in == null || offset != position) {
                restartAt(offset);
            }
            List<LogEntry> out = new ArrayList<>();
            long want = Math.min(maxBytes, Math.max(0, limit - position - carry.length));
            byte[] buf = Arrays.copyOf(carry, carry.length + (int) want);
            int filled = carry.length;
            while (filled < buf.length) {
                int r = in.read(buf, filled, buf.length - filled);
                if (r <= 0) {
                    break;
                }
                filled += r;
            }
            int start = 0;
            for (int i = 0; i < filled; i++) {
                if (buf[i] == '\n') {
                    K8sFileLog.decode(Arrays.copyOfRange(buf, start, i), text).ifPresent(out::add);
                    start = i + 1;
                }
            }
            carry = Arrays.copyOfRange(buf, start, filled);
            position += start;
            return new Chunk(out, position);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * @param lines how many lines, at least 1
     * @return where the last {@code lines} lines start and how many there are (two passes over the file)
     */
    synchronized LineChunks.Tail tail(int lines) {
        try {
            long total = 0;
            try (InputStream s = fresh()) {
                byte[] buf = new byte[64 * 1024];
                int r;
                while ((r = s.read(buf)) > 0) {
                    for (int i = 0; i < r; i++) {
                        if (buf[i] == '\n') {
                            total++;
                        }
                    }
                }
            }
            if (total <= lines) {
                return new LineChunks.Tail(0, (int) total);
            }
            long skip = total - lines;
            long pos = 0;
            try (InputStream s = fresh()) {
                byte[] buf = new byte[64 * 1024];
                int r;
                while ((r = s.read(buf)) > 0) {
                    for (int i = 0; i < r; i++) {
                        if (buf[i] == '\n' && --skip == 0) {
                            return new LineChunks.Tail(pos + i + 1, lines);
                        }
                    }
                    pos += r;
                }
            }
            return new LineChunks.Tail(0, (int) total);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void restartAt(long offset) throws IOException {
        if (in != null) {
            in.close();
        }
        in = fresh();
        carry = new byte[0];
        position = 0;
        long left = offset;
        while (left > 0) {
            long n = in.skip(left);
            if (n <= 0) {
                break;
            }
            left -= n;
        }
        position = offset - left;
    }

    private InputStream fresh() throws IOException {
        return new GZIPInputStream(Channels.newInputStream(new NonClosing(channel)), 64 * 1024);
    }

    @Override
    public synchronized void close() {
        try {
            if (in != null) {
                in.close();
            }
            channel.close();
        } catch (IOException e) {
            // read-only
        }
    }

    /** Positioned reads of the held channel from 0, each stream with its own position; close leaves it open. */
    private static final class NonClosing implements java.nio.channels.ReadableByteChannel {
        private final FileChannel ch;
        private long pos;

        NonClosing(FileChannel ch) {
            this.ch = ch;
        }

        @Override
        public int read(java.nio.ByteBuffer dst) throws IOException {
            int n = ch.read(dst, pos);
            if (n > 0) {
                pos += n;
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return ch.isOpen();
        }

        @Override
        public void close() {
            // the GzipLog closes the channel
        }
    }
}
