package io.berth.engine.util;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * RFC 3339 times as Docker writes them: Go's {@code time.RFC3339Nano} layout in UTC, i.e. up to nine
 * fraction digits with trailing zeros removed ({@code 2026-11-29T09:09:56.271361124Z},
 * {@code 2026-11-29T09:09:56Z}). Used for json-file log lines and config.v2.json.
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

    /**
     * Parses an RFC 3339 time with any offset ("Z", "+00:00", "-07:00") and 0 to 9 fraction digits.
     *
     * @param text the time
     * @return the instant
     * @throws DateTimeParseException if the text is not RFC 3339
     */
    public static Instant parse(String text) {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
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
