package io.berth.gateway.types;

import com.google.protobuf.Timestamp;
import io.berth.common.errors.InvalidArgumentException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Times as the Docker Engine API (1.41) writes and reads them: Go's RFC3339Nano in UTC for inspect fields
 * ({@code "2026-11-29T09:09:56.27136112Z"}, trailing zeros of the fraction dropped), the fixed 9-digit form
 * for log timestamps ({@code "2026-11-29T09:09:56.271361120Z"}), Go's zero time
 * {@code "0001-01-01T00:00:00Z"} for unset times, and the {@code since}/{@code until} query values
 * (unix seconds with an optional fraction, or RFC 3339).
 */
public final class DockerTime {
    /** Go's zero {@code time.Time} in RFC 3339, what dockerd shows for a time never set. */
    public static final String ZERO = "0001-01-01T00:00:00Z";

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private DockerTime() {
    }

    /**
     * @param t a protobuf timestamp, possibly unset (all zero)
     * @return Go's RFC3339Nano text in UTC, or {@link #ZERO} if unset
     */
    public static String rfc3339Nano(Timestamp t) {
        if (t == null || (t.getSeconds() == 0 && t.getNanos() == 0)) {
            return ZERO;
        }
        return rfc3339Nano(Instant.ofEpochSecond(t.getSeconds(), t.getNanos()));
    }

    /**
     * @param t an instant
     * @return Go's RFC3339Nano text in UTC: seconds, then a fraction without trailing zeros (none if 0), "Z"
     */
    public static String rfc3339Nano(Instant t) {
        StringBuilder sb = new StringBuilder(SECONDS.format(t));
        if (t.getNano() != 0) {
            String frac = String.format("%09d", t.getNano());
            int end = frac.length();
            while (end > 0 && frac.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(frac, 0, end);
        }
        return sb.append('Z').toString();
    }

    /**
     * @param epochNanos nanoseconds since the epoch
     * @return RFC 3339 with exactly nine fraction digits, UTC (Docker's RFC3339NanoFixed, used by
     *     {@code logs?timestamps=1})
     */
    public static String rfc3339NanoFixed(long epochNanos) {
        Instant t = Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L));
        return SECONDS.format(t) + String.format(".%09dZ", t.getNano());
    }

    /**
     * @param t a protobuf timestamp
     * @return seconds since the epoch (0 if unset)
     */
    public static long unixSeconds(Timestamp t) {
        return t == null ? 0 : t.getSeconds();
    }

    /**
     * Parses a {@code since}/{@code until} query value (API 1.41 events and logs): unix seconds with an
     * optional fraction ({@code "1795943707"}, {@code "1795943707.000000001"}, as the CLI sends) or an
     * RFC 3339 time.
     *
     * @param value the query value; null or empty means "no bound"
     * @param name the parameter name, for the error message
     * @return nanoseconds since the epoch, 0 for no bound
     * @throws InvalidArgumentException (400) if the value is neither form
     */
    public static long parseQueryTime(String value, String name) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        String v = value.trim();
        if (v.matches("-?[0-9]+(\\.[0-9]{0,9})?")) {
            String[] parts = v.split("\\.", 2);
            long seconds = Long.parseLong(parts[0]);
            long nanos = 0;
            if (parts.length == 2 && !parts[1].isEmpty()) {
                nanos = Long.parseLong((parts[1] + "000000000").substring(0, 9));
            }
            return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), seconds < 0 ? -nanos : nanos);
        }
        try {
            Instant t = OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidArgumentException("invalid value for " + name + ": " + value
                    + " (expected unix seconds or an RFC 3339 time)", e);
        }
    }
}
