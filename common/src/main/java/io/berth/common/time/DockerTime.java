package io.berth.common.time;

import com.google.protobuf.Timestamp;
import io.berth.common.errors.InvalidArgumentException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Times as Docker writes and reads them, in one place for every service:
 * <ul>
 *   <li>Go's {@code time.RFC3339Nano} in UTC, the fraction without trailing zeros
 *       ({@code 2026-11-29T09:09:56.27136112Z}, {@code 2026-11-29T09:09:56Z}): inspect fields,
 *       config.v2.json, the json-file log's {@code time};</li>
 *   <li>Docker's {@code RFC3339NanoFixed}, always nine fraction digits ({@code ...56.271361120Z}):
 *       {@code logs?timestamps=1};</li>
 *   <li>Go's zero time {@code 0001-01-01T00:00:00Z} for a time never set;</li>
 *   <li>the {@code since}/{@code until} query values of API 1.41 (unix seconds with an optional
 *       fraction, or RFC 3339).</li>
 * </ul>
 * All of it is {@code java.time}; formatting and parsing are thread-safe.
 */
public final class DockerTime {
    /** Go's zero {@code time.Time} in RFC 3339, what dockerd shows for a time never set. */
    public static final String ZERO = "0001-01-01T00:00:00Z";

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private static final DateTimeFormatter RFC3339_NANO = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendLiteral('Z')
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter RFC3339_NANO_FIXED = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 9, 9, true)
            .appendLiteral('Z')
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private DockerTime() {
    }

    /**
     * @param t an instant
     * @return Go's RFC3339Nano text in UTC: seconds, then a fraction without trailing zeros (none if 0), "Z"
     */
    public static String rfc3339Nano(Instant t) {
        return RFC3339_NANO.format(t);
    }

    /**
     * @param t a protobuf timestamp, possibly unset (all zero) or null
     * @return Go's RFC3339Nano text in UTC, or {@link #ZERO} if unset
     */
    public static String rfc3339Nano(Timestamp t) {
        if (t == null || (t.getSeconds() == 0 && t.getNanos() == 0)) {
            return ZERO;
        }
        return rfc3339Nano(Instant.ofEpochSecond(t.getSeconds(), t.getNanos()));
    }

    /**
     * @param epochNanos nanoseconds since the Unix epoch
     * @return RFC 3339 with exactly nine fraction digits, UTC (Docker's RFC3339NanoFixed)
     */
    public static String rfc3339NanoFixed(long epochNanos) {
        return RFC3339_NANO_FIXED.format(fromNanos(epochNanos));
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
     * @throws ArithmeticException outside about years 1677 to 2262
     */
    public static long toNanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), NANOS_PER_SECOND), t.getNano());
    }

    /**
     * @param nanos nanoseconds since the Unix epoch
     * @return the instant
     */
    public static Instant fromNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
    }

    /**
     * @param t an instant
     * @return the same time as a protobuf timestamp
     */
    public static Timestamp toTimestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    /**
     * @param t a protobuf timestamp
     * @return seconds since the epoch (0 if null or unset)
     */
    public static long unixSeconds(Timestamp t) {
        return t == null ? 0 : t.getSeconds();
    }

    /**
     * Parses a {@code since}/{@code until} query value (API 1.41 GET /events and GET /containers/{id}/logs):
     * unix seconds with an optional fraction ({@code "1795943707"}, {@code "1795943707.000000001"}, as the
     * CLI sends) or an RFC 3339 time.
     *
     * @param value the query value; null or blank means "no bound"
     * @param name the parameter name, for the error message
     * @return nanoseconds since the epoch, 0 for no bound
     * @throws InvalidArgumentException (400) if the value is neither form
     */
    public static long parseQueryTime(String value, String name) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        String v = value.trim();
        try {
            if (v.matches("-?[0-9]+(\\.[0-9]{0,9})?")) {
                String[] parts = v.split("\\.", 2);
                long seconds = Long.parseLong(parts[0]);
                long nanos = 0;
                if (parts.length == 2 && !parts[1].isEmpty()) {
                    nanos = Long.parseLong((parts[1] + "000000000").substring(0, 9));
                }
                return Math.addExact(Math.multiplyExact(seconds, NANOS_PER_SECOND), v.startsWith("-") ? -nanos : nanos);
            }
            return toNanos(parse(v));
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new InvalidArgumentException("invalid value for " + name + ": " + value
                    + " (expected unix seconds or an RFC 3339 time)", e);
        }
    }

    /**
     * moby's {@code timetypes.GetTimestamp} as the prune endpoints use it for {@code until} (Engine API 1.41
     * POST /containers|images/prune): a Go duration before {@code now} ({@code 24h}, {@code 1h30m}), a date
     * {@code 2006-01-02}, unix seconds with a fraction or an RFC 3339 time.
     *
     * @param value the filter value
     * @param now the current time
     * @return the instant
     * @throws InvalidArgumentException (400) for anything else
     */
    public static Instant pruneUntil(String value, Instant now) {
        java.util.OptionalLong d = GoDuration.parseNanos(value);
        if (d.isPresent()) {
            return now.minusNanos(d.getAsLong());
        }
        if (value.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            return Instant.parse(value + "T00:00:00Z");
        }
        return fromNanos(parseQueryTime(value, "until"));
    }
}
