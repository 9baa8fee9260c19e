package io.berth.common.time;

import java.util.OptionalLong;

/**
 * Go's {@code time.ParseDuration} (Go 1.x {@code time/format.go}): a possibly signed sequence of decimal
 * numbers, each with an optional fraction and a unit, e.g. {@code "300ms"}, {@code "-1.5h"}, {@code "2h45m"};
 * units {@code ns}, {@code us} ({@code µs}, {@code μs}), {@code ms}, {@code s}, {@code m}, {@code h}. {@code "0"}
 * alone is zero. The docker CLI sends {@code --since 1h} as such a value turned into a time.
 */
public final class GoDuration {
    private GoDuration() {
    }

    /**
     * @param text the duration text
     * @return the duration in nanoseconds, or empty if {@code text} is not a Go duration (or overflows int64)
     */
    public static OptionalLong parseNanos(String text) {
        if (text == null || text.isEmpty()) {
            return OptionalLong.empty();
        }
        String s = text;
        boolean negative = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return OptionalLong.of(0);
        }
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        double total = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                return OptionalLong.empty();
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            long unit = unitNanos(s.substring(unitStart, i));
            if (unit == 0) {
                return OptionalLong.empty();
            }
            total += Double.parseDouble(number) * unit;
        }
        if (total > Long.MAX_VALUE) {
            return OptionalLong.empty();
        }
        long nanos = Math.round(total);
        return OptionalLong.of(negative ? -nanos : nanos);
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 0L;
        };
    }
}
