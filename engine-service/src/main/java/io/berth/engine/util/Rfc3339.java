package io.berth.engine.util;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * RFC 3339 times as Docker writes them: Go's {@code time.RFC3339Nano} layout in UTC, i.e. up to nine
 * fraction digits with trailing zeros removed ({@code 2026-11-29T09:09:56.271361124Z},
 * {@code 2026-11-29T09:09:56Z}). Used for json-file log lines and config.v2.json.
 *
 * <p>Both directions run once or twice per log line, so the common shapes are handled by hand (about ten
 * times faster than {@link DateTimeFormatter}); anything else goes through {@link DateTimeFormatter} with the
 * same result.
 */
public final class Rfc3339 {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private Rfc3339() {
    }

    /**
     * @param t an instant
     * @return the instant in Go's RFC3339Nano layout, UTC ("Z")
     */
    public static String format(Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        if (d.getYear() < 0 || d.getYear() > 9999) {
            return slowFormat(t);
        }
        StringBuilder sb = new StringBuilder(30);
        digits(sb, d.getYear(), 4).append('-');
        digits(sb, d.getMonthValue(), 2).append('-');
        digits(sb, d.getDayOfMonth(), 2).append('T');
        digits(sb, d.getHour(), 2).append(':');
        digits(sb, d.getMinute(), 2).append(':');
        digits(sb, d.getSecond(), 2);
        int nanos = t.getNano();
        if (nanos != 0) {
            int width = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                width--;
            }
            digits(sb.append('.'), nanos, width);
        }
        return sb.append('Z').toString();
    }

    private static String slowFormat(Instant t) {
        StringBuilder sb = new StringBuilder(SECONDS.format(t));
        int nanos = t.getNano();
        if (nanos != 0) {
            String frac = String.format("%09d", nanos);
            int end = frac.length();
            while (frac.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(frac, 0, end);
        }
        return sb.append('Z').toString();
    }

    private static StringBuilder digits(StringBuilder sb, int value, int width) {
        for (int div = (int) Math.pow(10, width - 1); div > 0; div /= 10) {
            sb.append((char) ('0' + value / div % 10));
        }
        return sb;
    }

    /**
     * Parses an RFC 3339 time with any offset ("Z", "+00:00", "-07:00") and 0 to 9 fraction digits.
     *
     * @param text the time
     * @return the instant
     * @throws DateTimeParseException if the text is not RFC 3339
     */
    public static Instant parse(String text) {
        Instant fast = fastParse(text);
        return fast != null ? fast : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    /** {@code uuuu-MM-ddTHH:mm:ss[.f{1,9}](Z|+HH:MM|-HH:MM)}, or null for anything else or out of range. */
    private static Instant fastParse(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = num(s, 0, 4);
        int month = num(s, 5, 2);
        int day = num(s, 8, 2);
        int hour = num(s, 11, 2);
        int minute = num(s, 14, 2);
        int second = num(s, 17, 2);
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 10 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            int len = i - start;
            if (len == 0 || len > 9) {
                return null;
            }
            nanos = num(s, start, len) * (int) Math.pow(10, 9 - len);
        }
        int offset = offsetSeconds(s, i);
        if ((year | month | day | hour | minute | second | nanos) < 0 || offset == Integer.MIN_VALUE) {
            return null;
        }
        try {
            long epoch = LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
            return Instant.ofEpochSecond(epoch - offset, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int offsetSeconds(String s, int i) {
        int n = s.length();
        if (i == n - 1 && s.charAt(i) == 'Z') {
            return 0;
        }
        if (i != n - 6 || s.charAt(i + 3) != ':' || s.charAt(i) != '+' && s.charAt(i) != '-') {
            return Integer.MIN_VALUE;
        }
        int h = num(s, i + 1, 2);
        int m = num(s, i + 4, 2);
        if (h < 0 || m < 0 || h > 18 || m > 59 || h == 18 && m > 0) {
            return Integer.MIN_VALUE;
        }
        int secs = h * 3600 + m * 60;
        return s.charAt(i) == '-' ? -secs : secs;
    }

    /** @return the decimal number of {@code len} ASCII digits at {@code from}, or -1 if any is not a digit */
    private static int num(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * @param t an instant
     * @return nanoseconds since the Unix epoch
     */
    public static long toNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /**
     * @param nanos nanoseconds since the Unix epoch
     * @return the instant
     */
    public static Instant fromNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
