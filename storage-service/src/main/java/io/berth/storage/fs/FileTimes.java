package io.berth.storage.fs;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * Sets access and modification times of any file type without following symbolic links and without
 * opening the file (utimensat(2) with AT_SYMLINK_NOFOLLOW): Java's setTimes opens the file, which blocks
 * on a FIFO and cannot touch a symlink itself.
 */
public final class FileTimes {
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;

    /** utimensat(2) through JNA; {@code times} is two struct timespec {tv_sec, tv_nsec} (atime, mtime). */
    private interface Utimens extends Library {
        Utimens INSTANCE = Native.load("c", Utimens.class);

        int utimensat(int dirfd, String path, long[] times, int flags) throws LastErrorException;
    }

    private FileTimes() {
    }

    /**
     * Sets atime and mtime of {@code path} itself (a symlink is not followed).
     *
     * @param path any file, directory, symlink, FIFO or device node
     * @param time the time to set (nanosecond precision)
     * @throws IOException with the errno on failure
     */
    public static void set(Path path, FileTime time) throws IOException {
        Instant t = time.toInstant();
        long[] times = {t.getEpochSecond(), t.getNano(), t.getEpochSecond(), t.getNano()};
        try {
            Utimens.INSTANCE.utimensat(AT_FDCWD, path.toString(), times, AT_SYMLINK_NOFOLLOW);
        } catch (LastErrorException e) {
            throw new IOException("utimensat " + path + ": errno " + e.getErrorCode(), e);
        }
    }
}
