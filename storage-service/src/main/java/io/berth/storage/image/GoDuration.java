package io.berth.storage.image;

import io.berth.common.errors.InvalidArgumentException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's {@code time.ParseDuration} for the units Docker's flags use ("1h30m", "500ms", "10s", "2.5s"). */
final class GoDuration {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {
    }

    /**
     * @param text the duration ("0" is allowed)
     * @param flag the flag's name for the error
     * @return the duration in nanoseconds
     * @throws InvalidArgumentException if it is not a duration
     */
    static long parseNanos(String text, String flag) {
        if (text.equals("0")) {
            return 0;
        }
        Matcher m = PART.matcher(text);
        int at = 0;
        double nanos = 0;
        while (at < text.length() && m.find(at) && m.start() == at) {
            double n = Double.parseDouble(m.group(1));
            nanos += n * switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            at = m.end();
        }
        if (at == 0 || at != text.length()) {
            throw new InvalidArgumentException("invalid argument \"" + text + "\" for \"" + flag
                    + "\" flag: time: invalid duration \"" + text + "\"");
        }
        return (long) nanos;
    }
}
