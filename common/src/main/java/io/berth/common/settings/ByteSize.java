package io.berth.common.settings;

import java.util.Locale;

/**
 * Sizes as dockerd's flags take them (go-units {@code RAMInBytes}): a number with an optional binary unit,
 * {@code b}, {@code k}/{@code kb}/{@code kib}, {@code m}, {@code g}, {@code t}, {@code p} (1024 each step),
 * case-insensitive, e.g. {@code 512m}, {@code 10GB}, {@code 1048576}.
 */
public final class ByteSize {
    private ByteSize() {
    }

    /**
     * @param s the size as given
     * @return the size in bytes
     * @throws IllegalArgumentException "invalid size: 's'" (go-units' text) for anything else, a negative
     *     number or more than {@link Long#MAX_VALUE} bytes
     */
    public static long parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("invalid size: '" + s + "'");
        }
        double number;
        try {
            number = Double.parseDouble(t.substring(0, i));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid size: '" + s + "'", e);
        }
        String unit = t.substring(i).trim();
        int power = switch (unit) {
            case "", "b" -> 0;
            case "k", "kb", "kib" -> 1;
            case "m", "mb", "mib" -> 2;
            case "g", "gb", "gib" -> 3;
            case "t", "tb", "tib" -> 4;
            case "p", "pb", "pib" -> 5;
            default -> throw new IllegalArgumentException("invalid size: '" + s + "'");
        };
        double bytes = number * Math.pow(1024, power);
        if (bytes >= 0x1p63) {
            throw new IllegalArgumentException("invalid size: '" + s + "'");
        }
        return (long) bytes;
    }
}
