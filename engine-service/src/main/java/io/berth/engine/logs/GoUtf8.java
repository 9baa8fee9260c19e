package io.berth.engine.logs;

import io.berth.common.json.GoJsonEscapes;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The conversions between a log line's bytes and a Java string that keep Go's replacement rules, on top of
 * {@code java.nio.charset}'s UTF-8 coder:
 * <ul>
 *   <li>Go's encoding/json (and dockerd's json-file writer) turns each byte that does not start a valid
 *       UTF-8 sequence into U+FFFD, one per byte, and advances by one byte; Java's decoder would replace a
 *       whole malformed sequence at once, and a valid U+FFFD in the input must stay as is. So
 *       {@link #decode} marks each invalid byte with {@link GoJsonEscapes#INVALID_BYTE}, which the
 *       generator writes as <code>&#92;ufffd</code>.</li>
 *   <li>Go's decoder turns a lone surrogate escape (<code>&#92;ud800</code>) into U+FFFD; Java's
 *       {@code String.getBytes} would write {@code ?}. {@link #encode} writes U+FFFD.</li>
 * </ul>
 * Valid input takes the JDK's fast paths ({@code new String}, {@code getBytes}); only input with invalid
 * UTF-8 or lone surrogates takes the slower coder loop.
 */
final class GoUtf8 {
    private static final byte[] REPLACEMENT_UTF8 = {(byte) 0xef, (byte) 0xbf, (byte) 0xbd};

    private GoUtf8() {
    }

    /**
     * @param data UTF-8 bytes, possibly invalid
     * @return the text; each byte of invalid UTF-8 is one {@link GoJsonEscapes#INVALID_BYTE}
     */
    static String decode(byte[] data) {
        String fast = new String(data, StandardCharsets.UTF_8);
        if (fast.indexOf('\ufffd') < 0) {
            return fast; // the JDK replaces any invalid byte with U+FFFD, so there was none
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(data);
        CharBuffer out = CharBuffer.allocate(data.length); // one char per byte at most
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                out.put(GoJsonEscapes.INVALID_BYTE); // like Go: this byte only, then try the next one
                in.position(in.position() + 1);
            } else {
                return out.flip().toString();
            }
        }
    }

    /**
     * @param text a decoded JSON string, possibly holding lone surrogates
     * @return its UTF-8 bytes, U+FFFD for each lone surrogate
     */
    static byte[] encode(String text) {
        byte[] fast = text.getBytes(StandardCharsets.UTF_8);
        if (indexOf(fast, (byte) '?') < 0 || !hasLoneSurrogate(text)) {
            return fast; // getBytes writes '?' for a lone surrogate, so without '?' there was none
        }
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(REPLACEMENT_UTF8);
        try {
            ByteBuffer b = encoder.encode(CharBuffer.wrap(text));
            return Arrays.copyOfRange(b.array(), b.arrayOffset() + b.position(), b.arrayOffset() + b.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing UTF-8 encoder failed", e); // REPLACE never throws
        }
    }

    private static int indexOf(byte[] b, byte c) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
