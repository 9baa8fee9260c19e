package io.berth.storage.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Whole-file replacement that a crash can never leave half-written: the bytes go to a temp file in the
 * same directory, are fsync'ed, and the temp file is renamed over the target (rename(2) is atomic within
 * one filesystem), then the directory is fsync'ed.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Atomically replaces {@code target} with {@code data}.
     *
     * @param target the file to write; its parent directory is created
     * @param data the new content
     * @throws IOException if writing or renaming fails (the old content is then unchanged)
     */
    public static void write(Path target, byte[] data) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            moveAtomically(tmp, target);
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Renames {@code source} to {@code target} atomically, replacing an existing file.
     *
     * @throws IOException if the rename fails
     */
    public static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + source + " to " + target + " atomically", e);
        }
    }

    /** Best-effort fsync of a directory so a rename in it is durable. */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Some filesystems refuse fsync on a directory; the rename itself is still atomic.
        }
    }
}
