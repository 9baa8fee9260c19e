package io.berth.engine.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's whole log as one {@link LogSource}: its rotated files, oldest first, then the current file,
 * and, when following, each file that replaces the current one after a rotation (by the engine for
 * {@code max-size}, or by conmon itself for the none driver's capped file). Offsets are positions
 * {@code (segment << 40) | offset in that segment}, so they only grow, and a {@link LogPump} can keep its
 * own. The rotated files are opened when the log is made (under the container's rotation lock, so a rotation
 * cannot shift them meanwhile) and held, like the current one once read, so a rotation or removal that
 * renames or deletes them afterwards disturbs nothing.
 *
 * <p>A followed current file is finished when the path names another file and the held one is read to its
 * end: conmon closes the old file before it creates the new one, so nothing more can arrive in the old one.
 */
public final class RotatingLog implements LogSource {
    private static final int SHIFT = 40;
    private static final long MASK = (1L << SHIFT) - 1;

    private final Path current;
    private final boolean text;
    private final List<LogSource> segments = new ArrayList<>();

    /**
     * @param files the container's log files
     * @param text see {@link K8sFileLog}
     * @param lock the container's rotation lock ({@link LogHub#rotationLock()})
     * @throws UncheckedIOException if a rotated file cannot be opened
     */
    public RotatingLog(LogFiles files, boolean text, Object lock) {
        this.current = files.current();
        this.text = text;
        synchronized (lock) {
            for (Path p : files.rotatedOldestFirst()) {
                try {
                    LogSource s = p.getFileName().toString().endsWith(".gz") ? new GzipLog(p, text)
                            : new K8sFileLog(p, text);
                    if (s instanceof K8sFileLog k) {
                        k.openedSize(); // open it now, while the name is right
                    }
                    segments.add(s);
                } catch (NoSuchFileException e) {
                    // compressed or deleted between the listing and the open: nothing to read there
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open " + p, e);
                }
            }
            K8sFileLog live = new K8sFileLog(current, text);
            live.openedSize();
            segments.add(live);
        }
    }

    @Override
    public synchronized long size() {
        int last = segments.size() - 1;
        return encode(last, ((K8sFileLog) segments.get(last)).openedSize());
    }

    @Override
    public synchronized Chunk readFrom(long offset, long limit, int maxBytes) {
        int seg = (int) (offset >>> SHIFT);
        long off = offset & MASK;
        int limitSeg = limit == Long.MAX_VALUE ? Integer.MAX_VALUE : (int) (limit >>> SHIFT);
        while (seg <= limitSeg && seg < segments.size()) {
            long segLimit = seg == limitSeg ? limit & MASK : Long.MAX_VALUE;
            Chunk c = segments.get(seg).readFrom(off, segLimit, maxBytes);
            if (c.nextOffset() != off) {
                return new Chunk(c.entries(), encode(seg, c.nextOffset()));
            }
            if (seg < segments.size() - 1) {
                seg++;
                off = 0;
                continue;
            }
            if (limit != Long.MAX_VALUE || !replaced()) {
                break;
            }
            segments.add(new K8sFileLog(current, text)); // read the old one once more, then the new one
        }
        return new Chunk(List.of(), encode(seg, off));
    }

    /** @return true if the followed current file was replaced by a rotation */
    private boolean replaced() {
        K8sFileLog live = (K8sFileLog) segments.get(segments.size() - 1);
        Object held = live.openedFileKey();
        if (held == null) {
            return false; // not opened yet: it will open whatever the path names
        }
        Object now = LineChunks.fileKey(current);
        return now != null && !now.equals(held);
    }

    /**
     * Where the last {@code lines} lines before {@code end} start, across the files (Docker's {@code tail}).
     *
     * @param end a position from {@link #size()}
     * @param lines how many; negative = all
     * @return the position of the first of them
     */
    public synchronized long tailStart(long end, int lines) {
        if (lines < 0) {
            return 0;
        }
        if (lines == 0) {
            return end;
        }
        int seg = (int) (end >>> SHIFT);
        long segEnd = end & MASK;
        int left = lines;
        for (int s = Math.min(seg, segments.size() - 1); s >= 0; s--) {
            LogSource src = segments.get(s);
            LineChunks.Tail t = src instanceof GzipLog g ? g.tail(left)
                    : ((K8sFileLog) src).tail(s == seg ? segEnd : ((K8sFileLog) src).openedSize(), left);
            if (t.found() >= left) {
                return encode(s, t.offset());
            }
            left -= t.found();
        }
        return 0;
    }

    private static long encode(int seg, long off) {
        return ((long) seg << SHIFT) | off;
    }

    @Override
    public synchronized void close() {
        for (LogSource s : segments) {
            s.close();
        }
    }
}
