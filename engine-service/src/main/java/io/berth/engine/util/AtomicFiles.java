package io.berth.engine.util;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so a reader (or a crash) never sees half of them: the bytes go to a temp file in the same
 * directory, are forced to disk, and the temp file is renamed over the target (rename(2) is atomic).
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with {@code content} atomically. The parent directory must exist.
     *
     * @param target the file to write
     * @param content the complete new content
     * @throws IOException if writing or renaming fails (the target is then unchanged)
     */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, true);
    }

    /**
     * Replaces {@code target} with {@code content} atomically, optionally without forcing it to disk
     * (for small, frequently rewritten state such as a log offset, where losing the last update on a
     * power cut is acceptable but a torn file is not).
     *
     * @param target the file to write
     * @param content the complete new content
     * @param sync force the bytes to disk before the rename
     * @throws IOException if writing or renaming fails (the target is then unchanged)
     */
    public static void write(Path target, byte[] content, boolean sync) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(content));
            if (sync) {
                ch.force(true);
            }
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * Deletes a directory tree; a missing directory is fine. Symlinks are deleted, never followed.
     *
     * @param dir the directory
     * @throws IOException on the first file that cannot be deleted
     */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
