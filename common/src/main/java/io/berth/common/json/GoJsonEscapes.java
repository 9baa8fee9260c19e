package io.berth.common.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Jackson {@link CharacterEscapes} that make a {@code JsonGenerator} quote strings as Go's encoding/json
 * does by default, and so as dockerd 20.10's json-file writer does (moby daemon/logger/jsonfilelog):
 * <ul>
 *   <li>{@code "} and backslash: backslash and the character;</li>
 *   <li>newline, carriage return, tab: {@code \n}, {@code \r}, {@code \t};</li>
 *   <li>every other control character below U+0020 (backspace and form feed too), {@code <}, {@code >} and
 *       {@code &}: a backslash-u escape with lowercase hex, e.g. <code>&#92;u0008</code>,
 *       <code>&#92;u003c</code> (Go's HTML-safe default);</li>
 *   <li>U+2028 and U+2029: <code>&#92;u2028</code>, <code>&#92;u2029</code>;</li>
 *   <li>{@link #INVALID_BYTE}, which the engine's json-file decoder ({@code GoUtf8}) puts where a byte of invalid UTF-8 was:
 *       <code>&#92;ufffd</code>;</li>
 *   <li>everything else (DEL, {@code /}, all other non-ASCII) as is.</li>
 * </ul>
 * The hex digits are lowercase only if the generator has {@code JsonWriteFeature.WRITE_HEX_UPPER_CASE}
 * disabled, and a character outside the BMP stays four UTF-8 bytes only with
 * {@code JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8} enabled: {@link GoJson} and the engine's
 * json-file codec set both.
 */
public final class GoJsonEscapes extends CharacterEscapes {
    /**
     * The char that stands for one byte of invalid UTF-8 in a decoded log line: a lone low surrogate, which
     * decoding valid UTF-8 never produces.
     */
    public static final char INVALID_BYTE = '\udcff';

    private static final SerializedString LINE_SEPARATOR = new SerializedString("\\u2028");
    private static final SerializedString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");
    private static final SerializedString REPLACEMENT = new SerializedString("\\ufffd");

    private final int[] ascii;

    /** The escapes, made once per factory. */
    public GoJsonEscapes() {
        ascii = CharacterEscapes.standardAsciiEscapesForJSON();
        ascii['\b'] = ESCAPE_STANDARD;
        ascii['\f'] = ESCAPE_STANDARD;
        ascii['<'] = ESCAPE_STANDARD;
        ascii['>'] = ESCAPE_STANDARD;
        ascii['&'] = ESCAPE_STANDARD;
    }

    /** @return per ASCII char: 0 copy, a positive char for its two-char escape, or {@link #ESCAPE_STANDARD} */
    @Override
    public int[] getEscapeCodesForAscii() {
        return ascii;
    }

    /**
     * @param ch a non-ASCII char (a UTF-16 unit)
     * @return its escape, or null to write it as UTF-8
     */
    @Override
    public SerializableString getEscapeSequence(int ch) {
        return switch (ch) {
            case 0x2028 -> LINE_SEPARATOR;
            case 0x2029 -> PARAGRAPH_SEPARATOR;
            case INVALID_BYTE -> REPLACEMENT;
            default -> null;
        };
    }
}
