package io.berth.common.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/**
 * Whole-file replacement that a crash can never leave half-written, for every record berth keeps (image
 * and container records, snapshot metadata, journals): the bytes go to a uniquely named temp file in the
 * same directory, are fsync'ed, the temp file is renamed over the target (rename(2) is atomic within one
 * filesystem), and the directory is fsync'ed so the rename itself survives a power cut.
 *
 * <p>{@link #writeUnsynced} skips both fsyncs, for small state rewritten many times a second (a log
 * reader's offset) where losing the last update on a power cut is acceptable but a torn file is not.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Atomically and durably replaces {@code target} with {@code data}.
     *
     * @param target the file to write; its parent directory is created if missing
     * @param data the complete new content
     * @throws IOException if writing or renaming fails (the old content is then unchanged and no temp file
     *     is left)
     */
    public static void write(Path target, byte[] data) throws IOException {
        write(target, data, true, false);
    }

    /**
     * As {@link #write}, for a file only root may read: the new file is mode 0600 from its creation (no moment
     * when another user could open it), as dockerd keeps {@code config.v2.json} and the bundle's {@code config.json}
     * (they hold the container's Env, so its passwords).
     *
     * @param target the file to write; its parent directory is created if missing
     * @param data the complete new content
     * @throws IOException if writing or renaming fails (the old content is then unchanged and no temp file
     *     is left)
     */
    public static void writePrivate(Path target, byte[] data) throws IOException {
        write(target, data, true, true);
    }

    /**
     * Atomically replaces {@code target} with {@code data} without forcing anything to disk: a reader or a
     * process crash never sees a torn file, a power cut may lose the update.
     *
     * @param target the file to write; its parent directory is created if missing
     * @param data the complete new content
     * @throws IOException if writing or renaming fails (the old content is then unchanged)
     */
    public static void writeUnsynced(Path target, byte[] data) throws IOException {
        write(target, data, false, false);
    }

    /**
     * Deletes what writes that a process kill cut short left in {@code dir}: the temporary files
     * ({@code .<name>.tmp-<uuid>}) of {@link #write}, {@link #writePrivate} and {@link #writeUnsynced}. Call it
     * at start-up, before anyone writes into the directory.
     *
     * @param dir a directory of atomically written files (missing: nothing to do)
     * @return how many were deleted
     * @throws IOException if the directory cannot be listed or a file not deleted
     */
    public static int deleteTemporaryFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int n = 0;
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && name.matches("\\..+\\.tmp-[0-9a-f-]{36}")
                        && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                    n++;
                }
            }
        }
        return n;
    }

    private static void write(Path target, byte[] data, boolean sync, boolean ownerOnly) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            java.util.Set<StandardOpenOption> options = java.util.EnumSet.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            java.nio.file.attribute.FileAttribute<?>[] attrs = ownerOnly
                    ? new java.nio.file.attribute.FileAttribute<?>[] {java.nio.file.attribute.PosixFilePermissions
                            .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))}
                    : new java.nio.file.attribute.FileAttribute<?>[0];
            try (FileChannel ch = FileChannel.open(tmp, options, attrs)) {
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                if (sync) {
                    ch.force(true);
                }
            }
            moveAtomically(tmp, target);
            if (sync) {
                syncDirectory(dir);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Renames {@code source} to {@code target} atomically, replacing an existing file.
     *
     * @param source the file to move
     * @param target its new name (same filesystem)
     * @throws IOException if the rename fails or cannot be atomic
     */
    public static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + source + " to " + target + " atomically", e);
        }
    }

    /**
     * Best-effort fsync of a directory so that a rename or a new entry in it is durable. Filesystems that
     * refuse fsync on a directory are ignored (the rename itself is still atomic).
     *
     * @param dir the directory
     */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // see the method's doc
        }
    }

    /**
     * Deletes a directory tree, deepest entries first, walking it by descriptor ({@link TreeRemover}): any
     * depth and any total path length; a missing directory is fine, and so is an entry that vanishes while
     * the walk runs (another process, such as conmon removing its attach socket, may delete entries at the
     * same time). Symlinks are deleted, never followed.
     *
     * @param dir the directory (or a single file or symlink)
     * @throws IOException on the first entry that cannot be deleted or read (other than a vanished one)
     */
    public static void deleteTree(Path dir) throws IOException {
        TreeRemover.delete(dir);
    }
}
