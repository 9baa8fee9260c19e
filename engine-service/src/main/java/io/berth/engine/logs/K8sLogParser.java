package io.berth.engine.logs;

import io.berth.common.time.DockerTime;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Parses conmon's k8s-file log lines (the Kubernetes CRI log format):
 * {@code <RFC3339Nano time> <stdout|stderr> <F|P> <text>}. {@code F} marks a full line: the entry is
 * the text plus "\n". {@code P} marks a partial line (conmon split a long line or the process wrote no
 * final newline): the entry is the text as is. The time is RFC 3339 with any offset
 * ({@link DockerTime#parse}); the entry's time is nanoseconds since the Unix epoch.
 */
public final class K8sLogParser {
    private K8sLogParser() {
    }

    /**
     * @param line one line of the k8s-file log, without its terminating "\n"
     * @return the entry, or empty if the line is malformed (fewer than three fields, a time that is not
     *     RFC 3339 or outside the nanosecond range, a stream other than stdout/stderr, a tag other than F/P)
     */
    public static Optional<LogEntry> parse(byte[] line) {
        int s1 = indexOf(line, 0);
        int s2 = s1 < 0 ? -1 : indexOf(line, s1 + 1);
        if (s2 < 0) {
            return Optional.empty();
        }
        int s3 = indexOf(line, s2 + 1);
        int tagEnd = s3 < 0 ? line.length : s3;
        String time = new String(line, 0, s1, StandardCharsets.US_ASCII);
        String stream = new String(line, s1 + 1, s2 - s1 - 1, StandardCharsets.US_ASCII);
        String tag = new String(line, s2 + 1, tagEnd - s2 - 1, StandardCharsets.US_ASCII);
        byte[] text = s3 < 0 ? new byte[0] : Arrays.copyOfRange(line, s3 + 1, line.length);
        try {
            long nanos = DockerTime.toNanos(DockerTime.parse(time));
            LogStream ls = LogStream.fromWireName(stream);
            return switch (tag.isEmpty() ? "" : tag.substring(0, 1)) {
                case "F" -> Optional.of(new LogEntry(ls, withNewline(text), nanos));
                case "P" -> Optional.of(new LogEntry(ls, text, nanos));
                default -> Optional.empty();
            };
        } catch (DateTimeParseException | ArithmeticException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] withNewline(byte[] text) {
        byte[] out = Arrays.copyOf(text, text.length + 1);
        out[text.length] = '\n';
        return out;
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == ' ') {
                return i;
            }
        }
        return -1;
    }
}
