package io.berth.engine.logs;

import java.io.ByteArrayOutputStream;

/**
 * JSON string quoting exactly as Go's encoding/json writes it (dockerd 20.10's json-file log), and the
 * matching unquoting, directly on UTF-8 bytes (one json-file line per container output line, so this runs
 * millions of times for a chatty container).
 *
 * <p>Quoting: {@code "} and backslash are backslash-escaped; newline, carriage return and tab use their short
 * forms ({@code \n}, {@code \r}, {@code \t}) and the other control characters, {@code <}, {@code >}, {@code &},
 * U+2028 and U+2029 a backslash-u escape with four lowercase hex digits (Go's HTML-safe default); each byte of
 * invalid UTF-8 becomes the escape of U+FFFD; everything else is copied.
 */
final class GoJsonString {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private GoJsonString() {
    }

    /**
     * Appends {@code s} as a quoted JSON string.
     *
     * @param out where to write
     * @param s UTF-8 bytes (possibly invalid)
     */
    static void appendQuoted(ByteArrayOutputStream out, byte[] s) {
        out.write('"');
        int i = 0;
        while (i < s.length) {
            int b = s[i] & 0xff;
            if (b < 0x80) {
                appendAscii(out, b);
                i++;
                continue;
            }
            int n = validSequenceLength(s, i);
            if (n == 0) {
                out.write('\\');
                out.write('u');
                out.writeBytes(new byte[] {'f', 'f', 'f', 'd'});
                i++;
            } else if (n == 3 && b == 0xe2 && (s[i + 1] & 0xff) == 0x80 && ((s[i + 2] & 0xff) == 0xa8
                    || (s[i + 2] & 0xff) == 0xa9)) {
                unicodeEscape(out, (s[i + 2] & 0xff) == 0xa8 ? 0x2028 : 0x2029);
                i += 3;
            } else {
                out.write(s, i, n);
                i += n;
            }
        }
        out.write('"');
    }

    private static void appendAscii(ByteArrayOutputStream out, int b) {
        switch (b) {
            case '"', '\\' -> {
                out.write('\\');
                out.write(b);
            }
            case '\n' -> shortEscape(out, 'n');
            case '\r' -> shortEscape(out, 'r');
            case '\t' -> shortEscape(out, 't');
            case '<', '>', '&' -> unicodeEscape(out, b);
            default -> {
                if (b < 0x20) {
                    unicodeEscape(out, b);
                } else {
                    out.write(b);
                }
            }
        }
    }

    private static void shortEscape(ByteArrayOutputStream out, char c) {
        out.write('\\');
        out.write(c);
    }

    private static void unicodeEscape(ByteArrayOutputStream out, int c) {
        out.write('\\');
        out.write('u');
        out.write(HEX[c >> 12 & 0xf]);
        out.write(HEX[c >> 8 & 0xf]);
        out.write(HEX[c >> 4 & 0xf]);
        out.write(HEX[c & 0xf]);
    }

    /** @return the length of the valid UTF-8 sequence at {@code i} (Go's utf8.DecodeRune rules), 0 if invalid */
    private static int validSequenceLength(byte[] s, int i) {
        int b = s[i] & 0xff;
        int n;
        int lo = 0x80;
        int hi = 0xbf;
        if (b >= 0xc2 && b <= 0xdf) {
            n = 2;
        } else if (b >= 0xe0 && b <= 0xef) {
            n = 3;
            lo = b == 0xe0 ? 0xa0 : 0x80;
            hi = b == 0xed ? 0x9f : 0xbf;
        } else if (b >= 0xf0 && b <= 0xf4) {
            n = 4;
            lo = b == 0xf0 ? 0x90 : 0x80;
            hi = b == 0xf4 ? 0x8f : 0xbf;
        } else {
            return 0;
        }
        if (i + n > s.length) {
            return 0;
        }
        int second = s[i + 1] & 0xff;
        if (second < lo || second > hi) {
            return 0;
        }
        for (int k = 2; k < n; k++) {
            int c = s[i + k] & 0xff;
            if (c < 0x80 || c > 0xbf) {
                return 0;
            }
        }
        return n;
    }

    /**
     * Reads a quoted JSON string that starts at {@code from} (its opening quote) and writes its value as UTF-8.
     * Only the escapes JSON defines are accepted; a lone surrogate becomes U+FFFD (as Go decodes it).
     *
     * @param in the bytes
     * @param from index of the opening quote
     * @param to end of the readable range (exclusive)
     * @param out where the value's UTF-8 bytes go
     * @return the index just after the closing quote, or -1 if the string is malformed or unterminated
     */
    static int unquote(byte[] in, int from, int to, ByteArrayOutputStream out) {
        if (from >= to || in[from] != '"') {
            return -1;
        }
        int i = from + 1;
        while (i < to) {
            int b = in[i] & 0xff;
            if (b == '"') {
                return i + 1;
            }
            if (b < 0x20) {
                return -1;
            }
            if (b != '\\') {
                out.write(b);
                i++;
                continue;
            }
            if (i + 1 >= to) {
                return -1;
            }
            int e = in[i + 1];
            switch (e) {
                case '"', '\\', '/' -> out.write(e);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'u' -> {
                    i = unicode(in, i, to, out);
                    if (i < 0) {
                        return -1;
                    }
                    continue;
                }
                default -> {
                    return -1;
                }
            }
            i += 2;
        }
        return -1;
    }

    /** Decodes a backslash-u escape (a surrogate pair if one follows) at {@code i}; returns the next index or -1. */
    private static int unicode(byte[] in, int i, int to, ByteArrayOutputStream out) {
        int c = hex4(in, i + 2, to);
        if (c < 0) {
            return -1;
        }
        int next = i + 6;
        if (Character.isHighSurrogate((char) c) && next + 6 <= to && in[next] == '\\' && in[next + 1] == 'u') {
            int low = hex4(in, next + 2, to);
            if (low >= 0 && Character.isLowSurrogate((char) low)) {
                writeCodePoint(out, Character.toCodePoint((char) c, (char) low));
                return next + 6;
            }
        }
        writeCodePoint(out, Character.isSurrogate((char) c) ? 0xfffd : c);
        return next;
    }

    private static int hex4(byte[] in, int at, int to) {
        if (at + 4 > to) {
            return -1;
        }
        int v = 0;
        for (int k = at; k < at + 4; k++) {
            int d = Character.digit(in[k], 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }

    private static void writeCodePoint(ByteArrayOutputStream out, int cp) {
        if (cp < 0x80) {
            out.write(cp);
        } else if (cp < 0x800) {
            out.write(0xc0 | cp >> 6);
            out.write(0x80 | cp & 0x3f);
        } else if (cp < 0x10000) {
            out.write(0xe0 | cp >> 12);
            out.write(0x80 | cp >> 6 & 0x3f);
            out.write(0x80 | cp & 0x3f);
        } else {
            out.write(0xf0 | cp >> 18);
            out.write(0x80 | cp >> 12 & 0x3f);
            out.write(0x80 | cp >> 6 & 0x3f);
            out.write(0x80 | cp & 0x3f);
        }
    }
}
