package io.berth.engine.container;

import io.berth.common.logs.LogDrivers;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotImplementedException;
import io.berth.proto.engine.v1.HostConfig;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's log configuration as berth runs it, from {@code HostConfig.LogConfig} (Engine API 1.41; the
 * daemon's defaults already merged in at create): the driver and json-file's rotation options
 * ({@code max-size} in bytes, -1 = unbounded; {@code max-file}; {@code compress}), parsed as dockerd 20.10's
 * json-file driver does (moby daemon/logger/jsonfilelog {@code New}: go-units {@code RAMInBytes},
 * {@code strconv.Atoi}, {@code strconv.ParseBool}), with its error texts.
 *
 * @param driver "json-file" or "none"
 * @param maxSize rotate when the current file reaches this many bytes; -1 = never
 * @param maxFiles how many files to keep, the current one included (at least 1)
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
    /** go-units' RAMInBytes syntax: a number, an optional binary unit, optional "i" and "b". */
    private static final Pattern SIZE = Pattern.compile("^(\\d+(\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");

    /**
     * Checks and parses a container's LogConfig, as dockerd does at create (driver) and start (values).
     * berth checks the values at create, so a bad one leaves no container behind (dockerd creates it and
     * fails its start with the same text).
     *
     * @param driver LogConfig.Type ("" = json-file)
     * @param options LogConfig.Config
     * @return the options
     * @throws InvalidArgumentException "logger: no log driver named 'x' is registered" for a driver berth does
     *     not run (dockerd's text for a driver it does not have; every driver other than json-file and none),
     *     "unknown log opt 'k' for json-file log driver", and json-file's value errors
     * @throws NotImplementedException for the local driver (dockerd's compact format, not written by berth) and
     *     the attribute options (labels, env, tag)
     */
    public static LogOptions parse(String driver, Map<String, String> options) {
        String d = driver == null || driver.isEmpty() ? JSON_FILE : driver;
        if (d.equals(LogDrivers.LOCAL)) {
            throw new NotImplementedException("berth does not implement the local log driver yet"
                    + " (use json-file, the default)");
        }
        if (!LogDrivers.AVAILABLE.contains(d)) {
            throw new InvalidArgumentException("logger: no log driver named '" + d + "' is registered");
        }
        if (d.equals(NONE)) {
            for (String key : new TreeSet<>(options.keySet())) {
                throw new InvalidArgumentException("unknown log opt '" + key + "' for none log driver");
            }
            return new LogOptions(NONE, -1, 1, false);
        }
        for (String key : new TreeSet<>(options.keySet())) {
            if (!JSON_FILE_OPTIONS.contains(key)) {
                throw new InvalidArgumentException("unknown log opt '" + key + "' for json-file log driver");
            }
            if (ATTRIBUTE_OPTIONS.contains(key)) {
                throw new NotImplementedException("berth does not support the log option " + key + " yet");
            }
        }
        long maxSize = -1;
        String s = options.get("max-size");
        if (s != null) {
            maxSize = ramInBytes(s);
            if (maxSize <= 0) {
                throw new InvalidArgumentException("max-size must be a positive number");
            }
        }
        int maxFiles = 1;
        String f = options.get("max-file");
        if (f != null) {
            try {
                maxFiles = Integer.parseInt(f);
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException("strconv.Atoi: parsing \"" + f + "\": invalid syntax");
            }
            if (maxFiles < 1) {
                throw new InvalidArgumentException("max-file cannot be less than 1");
            }
        }
        boolean compress = false;
        String c = options.get("compress");
        if (c != null) {
            compress = parseBool(c);
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
     * go-units {@code RAMInBytes}: "1k", "10m", "1.5g", "512", "1KiB", "2 MB" (binary multiples).
     *
     * @param size the text
     * @return bytes
     * @throws InvalidArgumentException "invalid size: 'x'" as go-units says
     */
    static long ramInBytes(String size) {
        Matcher m = SIZE.matcher(size);
        if (!m.matches()) {
            throw new InvalidArgumentException("invalid size: '" + size + "'");
        }
        double n = Double.parseDouble(m.group(1).chars().filter(ch -> ch == '.').count() > 1
                ? m.group(1).substring(0, m.group(1).indexOf('.', m.group(1).indexOf('.') + 1)) : m.group(1));
        String unit = m.group(3) == null ? "" : m.group(3).toLowerCase(Locale.ROOT);
        int shift = switch (unit) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            case "p" -> 50;
            default -> 0;
        };
        return (long) (n * (1L << shift));
    }

    /** Go's {@code strconv.ParseBool}. */
    private static boolean parseBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new InvalidArgumentException("strconv.ParseBool: parsing \"" + s + "\": invalid syntax");
        };
    }
}
