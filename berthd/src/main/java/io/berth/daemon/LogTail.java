package io.berth.daemon;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The end of a service's log, shown when the service fails to start. */
final class LogTail {
    private static final int MAX_BYTES = 16 * 1024;

    private LogTail() {
    }

    /**
     * @param log a log file
     * @param lines how many lines
     * @return its last {@code lines} lines, each indented and newline-terminated, or "" if unreadable
     */
    static String lastLines(Path log, int lines) {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, f.length() - MAX_BYTES);
            byte[] buf = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(buf);
            List<String> all = Arrays.asList(new String(buf, StandardCharsets.UTF_8).split("\n"));
            StringBuilder sb = new StringBuilder("---- last lines of " + log + " ----\n");
            all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> sb.append("  ").append(l).append('\n'));
            return sb.toString();
        } catch (IOException e) {
            return "";
        }
    }
}
