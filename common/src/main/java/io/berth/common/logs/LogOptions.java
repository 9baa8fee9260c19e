package io.berth.common.logs;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotImplementedException;
import io.berth.proto.engine.v1.HostConfig;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's log configuration as berth runs it, from {@code HostConfig.LogConfig} (Engine API 1.41; the
 * daemon's defaults already merged in at create), checked in dockerd 20.10's order with its texts: first the
 * driver-independent checks of moby {@code daemon/logger/factory.go ValidateLogOpts} (anything goes for
 * {@code none}; {@code mode}; {@code max-buffer-size}; the dual-logging cache's {@code cache-disabled}; the
 * driver's existence), then the json-file driver's keys ({@code jsonfilelog.ValidateLogOpt}), then its values
 * ({@code jsonfilelog.New}: max-size by go-units v0.4.0 {@code FromHumanSize}, decimal, so {@code 1k} is 1000
 * bytes; max-file by {@code strconv.Atoi}; compress by {@code strconv.ParseBool}). dockerd checks the values when
 * the container starts; berth checks them at create, so a bad value leaves no container behind.
 *
 * <p>Used by the engine (each create; its start with the daemon's defaults) and by berthd (its
 * {@code --log-driver}/{@code --log-opt} and daemon.json {@code log-driver}/{@code log-opts}, checked before any
 * service starts).
 *
 * @param driver "json-file" or "none"
 * @param maxSize rotate when the current file reaches this many bytes; -1 = never
 * @param maxFiles how many files to keep, the current one included (at least 1; a Go int above 2^31-1 is
 *     kept as 2^31-1)
 * @param compress gzip the rotated files
 */
public record LogOptions(String driver, long maxSize, int maxFiles, boolean compress) {
    /** Docker's default driver. */
    public static final String JSON_FILE = LogDrivers.JSON_FILE;
    /** No log at all ({@code docker logs} refuses). */
    public static final String NONE = LogDrivers.NONE;
    /** The json-file options dockerd accepts (jsonfilelog {@code ValidateLogOpt}). */
    private static final Set<String> JSON_FILE_OPTIONS = Set.of("max-file", "max-size", "compress", "labels",
            "labels-regex", "env", "env-regex", "tag");
    /** The json-file options that only add attributes to each line, which berth's log lines do not carry. */
    private static final Set<String> ATTRIBUTE_OPTIONS = Set.of("labels", "labels-regex", "env", "env-regex", "tag");
    /**
     * Options of every driver (factory.go {@code builtInLogOpts} and the dual-logging cache's
     * {@code cache-*}, log_cache_opts.go): never passed to a driver's own validator.
     */
    private static final Set<String> BUILT_IN_OPTIONS = Set.of("mode", "max-buffer-size", "cache-disabled",
            "cache-max-size", "cache-max-file", "cache-compress");
    /** go-units v0.4.0's size syntax: a number, an optional unit, optional "i" and "b". */
    private static final Pattern SIZE = Pattern.compile("^(\\d+(\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");
    /** Go's int64 range as a double: at or beyond it, Go's float-to-int conversion yields math.MinInt64 (amd64). */
    private static final double TWO_TO_63 = 9.223372036854775807E18;

    /**
     * Checks and parses a container's LogConfig.
     *
     * @param driver LogConfig.Type ("" = json-file)
     * @param options LogConfig.Config
     * @return the options
     * @throws InvalidArgumentException dockerd's text: "logger: logging mode not supported: x", "logger:
     *     max-buffer-size option is only supported with 'mode=non-blocking'", "error parsing option
     *     max-buffer-size: invalid size: 'x'", "invalid value for option cache-disabled: x", "logger: no log
     *     driver named 'x' is registered" (every driver other than json-file and none, local included: berth does
     *     not have it, and this is what dockerd says of a driver it does not have), "unknown log opt 'k' for
     *     json-file log driver", and json-file's value errors
     * @throws NotImplementedException for json-file options berth cannot honour: the attribute options
     *     (labels, labels-regex, env, env-regex, tag: berth's log lines carry no attributes) and
     *     {@code mode=non-blocking} (conmon writes the log and holds the container back when the disk is slower
     *     than its output; it never drops lines)
     */
    public static LogOptions parse(String driver, Map<String, String> options) {
        String d = driver == null || driver.isEmpty() ? JSON_FILE : driver;
        if (d.equals(NONE)) {
            return new LogOptions(NONE, -1, 1, false); // dockerd: ValidateLogOpts accepts anything for none
        }
        String mode = options.getOrDefault("mode", "");
        if (!mode.isEmpty() && !mode.equals("blocking") && !mode.equals("non-blocking")) {
            throw new InvalidArgumentException("logger: logging mode not supported: " + mode);
        }
        String buffer = options.get("max-buffer-size");
        if (buffer != null) {
            if (!mode.equals("non-blocking")) {
                throw new InvalidArgumentException(
                        "logger: max-buffer-size option is only supported with 'mode=non-blocking'");
            }
            try {
                size(buffer, 1024);
            } catch (InvalidArgumentException e) {
                throw new InvalidArgumentException("error parsing option max-buffer-size: " + e.getMessage());
            }
        }
        String cacheDisabled = options.get("cache-disabled");
        if (cacheDisabled != null && !cacheDisabled.isEmpty() && !isGoBool(cacheDisabled)) {
            throw new InvalidArgumentException("invalid value for option cache-disabled: " + cacheDisabled);
        }
        if (!LogDrivers.AVAILABLE.contains(d)) {
            throw new InvalidArgumentException("logger: no log driver named '" + d + "' is registered");
        }
        for (String key : new TreeSet<>(options.keySet())) {
            if (!BUILT_IN_OPTIONS.contains(key) && !JSON_FILE_OPTIONS.contains(key)) {
                throw new InvalidArgumentException("unknown log opt '" + key + "' for json-file log driver");
            }
        }
        for (String key : new TreeSet<>(options.keySet())) {
            if (ATTRIBUTE_OPTIONS.contains(key)) {
                throw new NotImplementedException("berth does not support the log option " + key + " yet");
            }
        }
        if (mode.equals("non-blocking")) {
            throw new NotImplementedException("berth does not support the log option mode=non-blocking yet"
                    + " (conmon writes the log and never drops a line; use mode=blocking, the default)");
        }
        return values(options);
    }

    /** jsonfilelog {@code New}'s checks of max-size, max-file and compress, in its order. */
    private static LogOptions values(Map<String, String> options) {
        long maxSize = -1;
        String s = options.get("max-size");
        if (s != null) {
            maxSize = size(s, 1000);
            if (maxSize <= 0) {
                throw new InvalidArgumentException("max-size must be a positive number");
            }
        }
        int maxFiles = 1;
        String f = options.get("max-file");
        if (f != null) {
            long n = atoi(f);
            if (n < 1) {
                throw new InvalidArgumentException("max-file cannot be less than 1");
            }
            maxFiles = (int) Math.min(n, Integer.MAX_VALUE);
        }
        boolean compress = false;
        String c = options.get("compress");
        if (c != null) {
            if (!isGoBool(c)) {
                throw new InvalidArgumentException("strconv.ParseBool: parsing \"" + c + "\": invalid syntax");
            }
            compress = Set.of("1", "t", "T", "TRUE", "true", "True").contains(c);
            if (compress && (maxFiles == 1 || maxSize == -1)) {
                throw new InvalidArgumentException(
                        "compress cannot be true when max-file is less than 2 or max-size is not set");
            }
        }
        return new LogOptions(JSON_FILE, maxSize, maxFiles, compress);
    }

    /**
     * @param hc a stored host config (checked at create)
     * @return its log options
     */
    public static LogOptions of(HostConfig hc) {
        return parse(hc.getLogDriver(), hc.getLogOptionsMap());
    }

    /** @return false for the none driver: {@code docker logs} has nothing to read */
    public boolean readable() {
        return !driver.equals(NONE);
    }

    /**
     * go-units v0.4.0 {@code parseSize}: "1k", "10m", "1.5g", "512", "1KiB", "2 MB"; {@code FromHumanSize} has
     * decimal multiples (unit 1000, json-file's max-size), {@code RAMInBytes} binary ones (1024,
     * max-buffer-size). A value past int64 comes out as Go's conversion makes it on amd64, math.MinInt64.
     *
     * @param text the text
     * @param unit 1000 or 1024
     * @return bytes
     * @throws InvalidArgumentException go-units' "invalid size: 'x'" or strconv.ParseFloat's text
     */
    static long size(String text, long unit) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new InvalidArgumentException("invalid size: '" + text + "'");
        }
        String number = m.group(1);
        if (number.indexOf('.') != number.lastIndexOf('.')) {
            throw new InvalidArgumentException("strconv.ParseFloat: parsing \"" + number + "\": invalid syntax");
        }
        double n = Double.parseDouble(number);
        if (Double.isInfinite(n)) {
            throw new InvalidArgumentException("strconv.ParseFloat: parsing \"" + number + "\": value out of range");
        }
        String u = m.group(3) == null ? "" : m.group(3).toLowerCase(Locale.ROOT);
        int power = u.isEmpty() ? 0 : "kmgtp".indexOf(u) + 1;
        double bytes = n * Math.pow(unit, power);
        return bytes >= TWO_TO_63 ? Long.MIN_VALUE : (long) bytes;
    }

    /**
     * Go's {@code strconv.Atoi} on 64 bits: an optional sign and ASCII digits.
     *
     * @param text the text
     * @return the number
     * @throws InvalidArgumentException {@code strconv.Atoi: parsing "x": invalid syntax} or {@code value out of
     *     range}
     */
    static long atoi(String text) {
        String digits = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
        if (digits.isEmpty() || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new InvalidArgumentException("strconv.Atoi: parsing \"" + text + "\": invalid syntax");
        }
        BigInteger n = new BigInteger(text.startsWith("+") ? digits : text);
        if (n.bitLength() >= 64) {
            throw new InvalidArgumentException("strconv.Atoi: parsing \"" + text + "\": value out of range");
        }
        return n.longValue();
    }

    /** @return whether Go's {@code strconv.ParseBool} accepts it */
    private static boolean isGoBool(String s) {
        return Set.of("1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False").contains(s);
    }
}
