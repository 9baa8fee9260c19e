package io.berth.storage.image;

import io.berth.common.errors.InvalidArgumentException;
import java.util.regex.Pattern;

/**
 * Shell-style patterns with Go's path.Match semantics, as Docker's {@code reference} filter uses them:
 * {@code *} matches any run of characters except {@code /}, {@code ?} one such character,
 * {@code [a-z]} / {@code [^a-z]} a character class, and {@code \} escapes the next character.
 */
final class Glob {
    private Glob() {
    }

    /**
     * @param pattern the pattern, e.g. {@code "fixture/*"}
     * @param text the text to match in full
     * @return true if the whole text matches
     * @throws InvalidArgumentException if the pattern is malformed (e.g. an unclosed {@code [})
     */
    static boolean matches(String pattern, String text) {
        return compile(pattern).matcher(text).matches();
    }

    static Pattern compile(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '\\' -> {
                    if (++i >= pattern.length()) {
                        throw bad(pattern);
                    }
                    re.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
                }
                case '[' -> i = charClass(pattern, i, re);
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    private static int charClass(String pattern, int start, StringBuilder re) {
        int end = pattern.indexOf(']', start + 1);
        if (end < 0 || end == start + 1) {
            throw bad(pattern);
        }
        String body = pattern.substring(start + 1, end);
        boolean negate = body.startsWith("^");
        if (negate) {
            body = body.substring(1);
        }
        re.append(negate ? "[^/" : "[");
        for (char ch : body.toCharArray()) {
            if (ch == '-' || Character.isLetterOrDigit(ch)) {
                re.append(ch);
            } else {
                re.append('\\').append(ch);
            }
        }
        re.append(']');
        return end;
    }

    private static InvalidArgumentException bad(String pattern) {
        return new InvalidArgumentException("syntax error in pattern \"" + pattern + "\"");
    }
}
