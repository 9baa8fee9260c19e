package io.berth.engine.logs;

import io.berth.common.logs.LogOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of one container's log, named as dockerd's json-file driver names its rotated files: the current
 * file {@code <log>} that conmon appends to, and the rotated ones {@code <log>.1} (the newest) to
 * {@code <log>.<max-file - 1>} (the oldest), each {@code .gz} with {@code compress=true}.
 *
 * @param current the file conmon writes (the record's LogPath)
 * @param maxFiles max-file: how many files are kept, the current one included
 * @param compress whether rotated files are gzipped
 * @param maxSize max-size in bytes, -1 = no rotation
 */
public record LogFiles(Path current, int maxFiles, boolean compress, long maxSize) {
    /**
     * @param current the current file
     * @param o the container's log options
     * @return its files
     */
    public static LogFiles of(Path current, LogOptions o) {
        return new LogFiles(current, o.maxFiles(), o.compress(), o.maxSize());
    }

    /**
     * @param i 1 (newest) to {@code maxFiles - 1}
     * @return the uncompressed name of rotated file {@code i}
     */
    public Path rotated(int i) {
        return current.resolveSibling(current.getFileName() + "." + i);
    }

    /**
     * @param i 1 (newest) to {@code maxFiles - 1}
     * @return the compressed name of rotated file {@code i}
     */
    public Path rotatedGz(int i) {
        return current.resolveSibling(current.getFileName() + "." + i + ".gz");
    }

    /**
     * @return the rotated files that exist, oldest first (a file present both compressed and not, while it is
     *     being compressed, is listed uncompressed)
     */
    public List<Path> rotatedOldestFirst() {
        List<Path> out = new ArrayList<>();
        for (int i : existingRotated().descendingSet()) {
            out.add(Files.exists(rotated(i)) ? rotated(i) : rotatedGz(i));
        }
        return out;
    }

    /**
     * The rotated files there are, found by listing the directory (a handful of names), never by trying each
     * index up to max-file: max-file is any Go {@code int} (dockerd accepts max-file=2147483647), and a loop to
     * it would take minutes per rotation and per {@code docker logs}.
     *
     * @return the indices 1 .. maxFiles - 1 that exist as {@code <log>.i} or {@code <log>.i.gz}, ascending
     */
    public java.util.NavigableSet<Integer> existingRotated() {
        java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
        String prefix = current.getFileName() + ".";
        Path dir = current.toAbsolutePath().getParent();
        try (java.nio.file.DirectoryStream<Path> names = Files.newDirectoryStream(dir, prefix + "*")) {
            for (Path p : names) {
                String rest = p.getFileName().toString().substring(prefix.length());
                if (rest.endsWith(".gz")) {
                    rest = rest.substring(0, rest.length() - 3);
                }
                if (!rest.isEmpty() && rest.length() <= 10 && rest.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    long i = Long.parseLong(rest);
                    if (i >= 1 && i <= maxFiles - 1 && rest.equals(Long.toString(i))) {
                        out.add((int) i);
                    }
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot list the log files of " + current, e);
        }
        return out;
    }
}
