package io.berth.common.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's encoding/json syntax errors (scanner.go) for what Jackson refuses, so a client that sends malformed JSON
 * reads dockerd's text instead of Jackson's (which names Java classes and features, e.g.
 * {@code StreamReadConstraints.getMaxNestingDepth()}: found by the fuzz IT). dockerd decodes request bodies with a
 * {@code json.Decoder}: a cut document is {@code unexpected EOF}; a bad byte is
 * {@code invalid character 'x' <context>} with scanner.go's contexts ("looking for beginning of value",
 * "after object key", "after object key:value pair", "after array element",
 * "looking for beginning of object key string", "in string literal", "in literal true (expecting 'r')"); nesting
 * deeper than Go's 10 000 (berth: Jackson's 1 000) is {@code exceeded max depth}.
 */
public final class GoJsonErrors {
    private static final Pattern UNEXPECTED = Pattern.compile("^Unexpected character \\(.*?code (\\d+)\\)\\)");
    private static final Pattern ILLEGAL = Pattern.compile("^Illegal (?:unquoted )?character \\(.*?code (\\d+)\\)\\)");
    private static final Pattern TOKEN = Pattern.compile("^(?:Unrecognized|Non-standard) token '([^']*)'");
    private static final Pattern ESCAPE = Pattern.compile("^Unrecognized character escape .*?code (\\d+)\\)");

    private GoJsonErrors() {
    }

    /**
     * @param e what Jackson threw while reading a JSON document
     * @return Go's message for the same mistake (approximated where Jackson does not say enough)
     */
    public static String message(JsonProcessingException e) {
        if (e instanceof JsonEOFException) {
            return "unexpected EOF";
        }
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException && m.contains("nesting depth")) {
            return "exceeded max depth";
        }
        if (m.startsWith("Unexpected end-of-input")) {
            return "unexpected EOF";
        }
        Matcher u = UNEXPECTED.matcher(m);
        if (u.find()) {
            return "invalid character " + quote(Integer.parseInt(u.group(1))) + " " + context(m);
        }
        Matcher x = ESCAPE.matcher(m);
        if (x.find()) {
            return "invalid character " + quote(Integer.parseInt(x.group(1))) + " in string escape code";
        }
        Matcher i = ILLEGAL.matcher(m);
        if (i.find()) {
            return "invalid character " + quote(Integer.parseInt(i.group(1))) + " in string literal";
        }
        Matcher t = TOKEN.matcher(m);
        if (t.find() && !t.group(1).isEmpty()) {
            return literal(t.group(1));
        }
        if (m.startsWith("Invalid numeric value")) {
            return "invalid character in numeric literal";
        }
        if (m.startsWith("Invalid UTF-8")) {
            return "invalid character in string literal"; // not reached for bodies: they are decoded with U+FFFD first
        }
        return "invalid character in JSON input";
    }

    private static String context(String m) {
        if (m.contains("in numeric value")) {
            return "in numeric literal";
        }
        if (m.contains("was expecting a colon")) {
            return "after object key";
        }
        if (m.contains("separate Object entries")) {
            return "after object key:value pair";
        }
        if (m.contains("separate Array entries")) {
            return "after array element";
        }
        if (m.contains("to start field name")) {
            return "looking for beginning of object key string";
        }
        return "looking for beginning of value";
    }

    /** An unquoted word: Go fails at the first byte that leaves {@code true}, {@code false} or {@code null}. */
    private static String literal(String token) {
        for (String lit : new String[] {"true", "false", "null"}) {
            if (token.charAt(0) == lit.charAt(0)) {
                for (int k = 1; k < token.length(); k++) {
                    if (k >= lit.length() || token.charAt(k) != lit.charAt(k)) {
                        if (k >= lit.length()) {
                            return "invalid character " + quote(token.charAt(k)) + " after top-level value";
                        }
                        return "invalid character " + quote(token.charAt(k)) + " in literal " + lit + " (expecting "
                                + quote(lit.charAt(k)) + ")";
                    }
                }
                return "unexpected EOF";
            }
        }
        return "invalid character " + quote(token.codePointAt(0)) + " looking for beginning of value";
    }

    /** Go's {@code quoteChar}: {@code 'x'}, {@code '\''}, {@code '"'}, control characters as {@code '\x01'}. */
    static String quote(int c) {
        if (c == '\'') {
            return "'\\''";
        }
        if (c == '"') {
            return "'\"'";
        }
        String named = switch (c) {
            case 7 -> "\\a";
            case 8 -> "\\b";
            case 9 -> "\\t";
            case 10 -> "\\n";
            case 11 -> "\\v";
            case 12 -> "\\f";
            case 13 -> "\\r";
            default -> null;
        };
        if (named != null) {
            return "'" + named + "'";
        }
        if (c < 0x20 || c == 0x7f) {
            return String.format("'\\x%02x'", c);
        }
        if (c >= 0x80 && c < 0xa0) {
            return String.format("'\\u%04x'", c);
        }
        return "'" + new String(Character.toChars(c)) + "'";
    }
}
