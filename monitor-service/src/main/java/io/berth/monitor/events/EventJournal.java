package io.berth.monitor.events;

import io.berth.common.fs.AtomicFiles;
import io.berth.proto.monitor.v1.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The on-disk event history of the monitor, {@code <data-root>/monitor/events-<n>.journal}, of bounded size.
 *
 * <p>Format: each segment is a sequence of records {@code [u32 length][u32 CRC-32C of payload][payload]}
 * (big-endian), the payload a serialized {@code berth.monitor.v1.Event}. A segment is closed after
 * {@code segmentEvents} records or {@code segmentBytes} bytes and a new one begun; only the current and the
 * previous segment are kept, so the journal never holds more than two segments (about
 * {@code 2 × segmentBytes}) and always at least the last {@code segmentEvents} events when that many were
 * published.
 *
 * <p>Durability policy: {@link #append} writes the record with one {@code write(2)} before it returns, i.e.
 * before the monitor acknowledges the event, so a {@code kill -9} of monitor-service (or of berthd) at any
 * moment loses no acknowledged event: the page cache outlives the process. {@code fsync} runs in the
 * background every {@code fsyncInterval} while there are unsynced records, and at rotation and close, so a
 * power loss or kernel crash loses at most that interval. Syncing every event would put a disk flush (1-10 ms
 * here) into every API call that publishes one.
 *
 * <p>Recovery: {@link #open} reads the segments oldest first; a record that is cut short or fails its CRC
 * (a write torn by a crash) ends its segment, and the newest segment is truncated there before appending
 * goes on. Not thread-safe: the {@link EventBus} calls it under its lock.
 */
public final class EventJournal implements AutoCloseable {
    /** Largest payload accepted when reading back; anything bigger is treated as corruption. */
    static final int MAX_RECORD_BYTES = 16 << 20;

    private static final Logger LOG = LogManager.getLogger(EventJournal.class);
    private static final Pattern SEGMENT = Pattern.compile("events-([0-9]{1,18})\\.journal");
    private static final int HEADER = 8;

    private final Path dir;
    private final int segmentEvents;
    private final long segmentBytes;
    private final ScheduledExecutorService syncer;
    private final List<Event> recovered;
    private final Object channelLock = new Object();
    private long segmentNumber;
    private FileChannel current;
    private int currentEvents;
    private long currentBytes;
    private boolean dirty;

    private EventJournal(Path dir, int segmentEvents, long segmentBytes, List<Event> recovered, long segmentNumber,
                         FileChannel current, int currentEvents, long currentBytes, Duration fsyncInterval) {
        this.dir = dir;
        this.segmentEvents = segmentEvents;
        this.segmentBytes = segmentBytes;
        this.recovered = recovered;
        this.segmentNumber = segmentNumber;
        this.current = current;
        this.currentEvents = currentEvents;
        this.currentBytes = currentBytes;
        this.syncer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "event-journal-fsync");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, fsyncInterval.toMillis());
        syncer.scheduleWithFixedDelay(this::syncQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens (creating it if needed, mode 0700) the journal in {@code dir} and reads back what it holds.
     *
     * @param dir the journal's directory, {@code <data-root>/monitor}
     * @param segmentEvents records per segment before a new one is begun (at least 1)
     * @param segmentBytes bytes per segment before a new one is begun (at least 1)
     * @param fsyncInterval how often unsynced records are flushed to disk
     * @return the journal, positioned for appending
     * @throws UncheckedIOException if the directory or the newest segment cannot be opened or repaired
     */
    public static EventJournal open(Path dir, int segmentEvents, long segmentBytes, Duration fsyncInterval) {
        if (segmentEvents < 1 || segmentBytes < 1) {
            throw new IllegalArgumentException("segmentEvents and segmentBytes must be positive");
        }
        try {
            Files.createDirectories(dir);
            List<Long> numbers = segmentNumbers(dir);
            // Only the two newest count; older ones are left-overs of a crash during a rotation.
            while (numbers.size() > 2) {
                Files.deleteIfExists(segmentPath(dir, numbers.remove(0)));
            }
            List<Event> events = new ArrayList<>();
            long number = numbers.isEmpty() ? 1 : numbers.get(numbers.size() - 1);
            int lastCount = 0;
            long lastBytes = 0;
            for (long n : numbers) {
                Path p = segmentPath(dir, n);
                Segment s = read(p);
                events.addAll(s.events);
                if (n == number) {
                    lastCount = s.events.size();
                    lastBytes = s.validBytes;
                    if (s.validBytes < Files.size(p)) {
                        LOG.warn("event journal {}: dropping a torn record at byte {} ({} events kept)", p,
                                s.validBytes, s.events.size());
                        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                            ch.truncate(s.validBytes);
                            ch.force(true);
                        }
                    }
                }
            }
            FileChannel ch = FileChannel.open(segmentPath(dir, number), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            AtomicFiles.syncDirectory(dir);
            LOG.info("event journal {}: {} events in {} segment(s)", dir, events.size(), Math.max(1, numbers.size()));
            return new EventJournal(dir, segmentEvents, segmentBytes, events, number, ch, lastCount, lastBytes,
                    fsyncInterval);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the event journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param max the most events wanted
     * @return the last {@code max} events read back by {@link #open}, oldest first
     */
    public List<Event> recovered(int max) {
        return List.copyOf(recovered.subList(Math.max(0, recovered.size() - max), recovered.size()));
    }

    /**
     * Appends one event with a single write; it is on its way to disk when this returns (see the class's
     * durability policy). Begins a new segment first when the current one is full.
     *
     * @param event the event as recorded (time and scope stamped)
     * @throws UncheckedIOException if the write fails (disk full, I/O error); nothing is recorded then
     */
    public void append(Event event) {
        byte[] payload = event.toByteArray();
        ByteBuffer record = ByteBuffer.allocate(HEADER + payload.length);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        record.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        try {
            synchronized (channelLock) {
                if (currentEvents >= segmentEvents
                        || (currentEvents > 0 && currentBytes + record.remaining() > segmentBytes)) {
                    rotate();
                }
                long before = current.size();
                try {
                    while (record.hasRemaining()) {
                        current.write(record);
                    }
                } catch (IOException e) {
                    current.truncate(before); // leave no partial record behind
                    current.position(before);
                    throw e;
                }
                currentEvents++;
                currentBytes = before + HEADER + payload.length;
                dirty = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("event journal " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Flushes what was appended to disk now. @throws UncheckedIOException on an I/O error */
    public void sync() {
        synchronized (channelLock) {
            if (!dirty || !current.isOpen()) {
                return;
            }
            try {
                current.force(false);
                dirty = false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Flushes and closes the journal; appends fail afterwards. */
    @Override
    public void close() {
        syncer.shutdownNow();
        synchronized (channelLock) {
            try {
                if (current.isOpen()) {
                    current.force(false);
                    current.close();
                }
            } catch (IOException e) {
                LOG.warn("event journal {}: closing: {}", dir, e.toString());
            }
        }
    }

    private void rotate() throws IOException {
        current.force(false);
        current.close();
        long next = segmentNumber + 1;
        FileChannel ch = FileChannel.open(segmentPath(dir, next), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        Files.deleteIfExists(segmentPath(dir, segmentNumber - 1));
        AtomicFiles.syncDirectory(dir);
        segmentNumber = next;
        current = ch;
        currentEvents = 0;
        currentBytes = 0;
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException e) {
            LOG.warn("event journal {}: fsync failed: {}", dir, e.toString());
        }
    }

    private record Segment(List<Event> events, long validBytes) {
    }

    private static Segment read(Path p) throws IOException {
        byte[] all = Files.readAllBytes(p);
        ByteBuffer buf = ByteBuffer.wrap(all);
        List<Event> events = new ArrayList<>();
        long valid = 0;
        while (buf.remaining() >= HEADER) {
            int length = buf.getInt();
            int crc = buf.getInt();
            if (length < 0 || length > MAX_RECORD_BYTES || length > buf.remaining()) {
                break;
            }
            CRC32C c = new CRC32C();
            c.update(all, buf.position(), length);
            if ((int) c.getValue() != crc) {
                break;
            }
            try {
                events.add(Event.parseFrom(ByteBuffer.wrap(all, buf.position(), length)));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                break;
            }
            buf.position(buf.position() + length);
            valid = buf.position();
        }
        return new Segment(events, valid);
    }

    private static List<Long> segmentNumbers(Path dir) throws IOException {
        ArrayDeque<Long> sorted = new ArrayDeque<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> SEGMENT.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Long.parseLong(m.group(1)))
                    .sorted()
                    .forEach(sorted::addLast);
        }
        return new ArrayList<>(sorted);
    }

    static Path segmentPath(Path dir, long number) {
        return dir.resolve(String.format("events-%08d.journal", number));
    }
}
