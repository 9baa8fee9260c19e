package io.berth.engine.logs;

import io.berth.engine.container.LogOptions;
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
        for (int i = maxFiles - 1; i >= 1; i--) {
            if (Files.exists(rotated(i))) {
                out.add(rotated(i));
            } else if (Files.exists(rotatedGz(i))) {
                out.add(rotatedGz(i));
            }
        }
        return out;
    }
}
