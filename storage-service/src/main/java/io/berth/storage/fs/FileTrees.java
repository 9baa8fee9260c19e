package io.berth.storage.fs;

import io.berth.common.fs.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Directory-tree helpers that never follow symbolic links: delete all but some children (recursive delete is
 * common's AtomicFiles.deleteTree), copy with {@code cp -a}, and
 * a du-like usage count.
 */
public final class FileTrees {
    private FileTrees() {
    }

    /**
     * Deletes every entry inside {@code dir} whose path is not in {@code keep}, without deleting
     * {@code dir} itself. A kept directory is descended into; an entry not kept is removed entirely.
     *
     * @param dir the directory to empty
     * @param keep absolute paths to keep
     * @throws IOException if an entry cannot be deleted
     */
    public static void deleteChildrenExcept(Path dir, Set<Path> keep) throws IOException {
        try (var children = Files.list(dir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                if (!keep.contains(child)) {
                    AtomicFiles.deleteTree(child);
                } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    deleteChildrenExcept(child, keep);
                }
            }
        }
    }

    /**
     * Copies the contents of {@code source} into the existing directory {@code target} with
     * {@code cp -a} (owners, modes including setuid, times, xattrs, hard links and special files kept).
     *
     * @param source directory to copy from
     * @param target existing directory to copy into
     * @throws IOException if cp fails (its stderr is in the message)
     */
    public static void copyContents(Path source, Path target) throws IOException {
        Process p = new ProcessBuilder("cp", "-a", "--", source + "/.", target + "/")
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            int rc = p.waitFor();
            if (rc != 0) {
                throw new IOException("cp -a " + source + " " + target + " failed (exit " + rc + "): " + out);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while copying " + source, e);
        }
    }

    /**
     * Measures a tree like {@code du}: the apparent size of every inode counted once (hard links once)
     * and the number of distinct inodes, {@code root} included.
     *
     * @param root directory to measure
     * @return {@code long[]{bytes, inodes}}
     * @throws IOException if the tree cannot be walked
     */
    public static long[] usage(Path root) throws IOException {
        Set<Object> seen = new HashSet<>();
        long[] total = new long[2];
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                count(dir, attrs);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                count(file, attrs);
                return FileVisitResult.CONTINUE;
            }

            private void count(Path p, BasicFileAttributes attrs) throws IOException {
                Map<String, Object> unix = Files.readAttributes(p, "unix:dev,ino", LinkOption.NOFOLLOW_LINKS);
                if (seen.add(unix.get("dev") + ":" + unix.get("ino"))) {
                    total[1]++;
                    if (attrs.isRegularFile()) {
                        total[0] += attrs.size();
                    }
                }
            }
        });
        return total;
    }
}
