package io.berth.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The exclusive lock that keeps a second berthd off a data root: an fcntl lock
 * ({@link FileChannel#tryLock()}) on {@code <data-root>/berthd.lock}, which holds the owner's pid. The kernel
 * releases it when the owner dies, even by SIGKILL, so a stale lock file never blocks a restart.
 */
public final class DataRootLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataRootLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock and writes {@code pid} into the lock file. The data root must exist.
     *
     * @param file the lock file ({@code <data-root>/berthd.lock})
     * @param pid this process's pid
     * @return the held lock, or empty if another process (or another lock in this JVM) holds it; the file
     *     is then left as it was
     * @throws IOException if the file cannot be opened or written
     */
    public static Optional<DataRootLock> tryAcquire(Path file, long pid) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            return Optional.empty();
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        ch.force(true);
        return Optional.of(new DataRootLock(file, ch, lock));
    }

    /**
     * @param file a lock file
     * @return the pid written in it by its holder, if readable
     */
    public static Optional<Long> holderPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * @param file the lock file that could not be taken
     * @param dataRoot its data root
     * @return the message berthd prints when another berthd holds the lock
     */
    public static String refusal(Path file, Path dataRoot) {
        String who = holderPid(file).map(pid -> "another berthd (pid " + pid + ")").orElse("another berthd");
        return "berthd: " + who + " is already using data root " + dataRoot + " (lock " + file + ")";
    }

    /** @return the lock file */
    public Path file() {
        return file;
    }

    /** Releases the lock (the file stays; its content no longer matters once unlocked). */
    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }
}
