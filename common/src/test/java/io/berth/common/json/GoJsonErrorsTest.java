package io.berth.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.errors.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What the fuzz IT found: malformed request bodies were answered with Jackson's texts (naming
 * {@code StreamReadConstraints.getMaxNestingDepth()}, {@code StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION}); dockerd
 * answers Go's encoding/json texts (scanner.go), and reads invalid UTF-8 inside strings as U+FFFD.
 */
class GoJsonErrorsTest {
    private static String refusal(String body) {
        return refusal(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String refusal(byte[] body) {
        return assertThrows(InvalidArgumentException.class, () -> Json.parse(body)).getMessage();
    }

    @Test
    void truncatedDocuments_areUnexpectedEof() {
        assertEquals("unexpected EOF", refusal("{\"Image\":"));
        assertEquals("unexpected EOF", refusal("{\"Image\":\"busy"));
        assertEquals("unexpected EOF", refusal("{\"Env\":[\"a\""));
        assertEquals("unexpected EOF", refusal("{\"Im"));
        assertEquals("unexpected EOF", refusal("tru"));
    }

    @Test
    void aBadByte_isInvalidCharacterWithScannersContext() {
        assertEquals("invalid character '.' looking for beginning of value", refusal(".5"));
        assertEquals("invalid character 'x' after object key", refusal("{\"a\" x}"));
        assertEquals("invalid character 'x' after object key:value pair", refusal("{\"a\":1 x}"));
        assertEquals("invalid character 'x' after array element", refusal("[1 x]"));
        assertEquals("invalid character 'x' looking for beginning of object key string", refusal("{x:1}"));
        assertEquals("invalid character 'd' looking for beginning of value", refusal("dir"));
        assertEquals("invalid character 'x' in literal true (expecting 'r')", refusal("txue"));
        assertEquals("invalid character '\\x01' in string literal", refusal("{\"a\":\"\u0001\"}"));
    }

    @Test
    void noJacksonWordingLeaks_forNumbersEscapesAndNonStandardTokens() {
        assertEquals("invalid character 'N' looking for beginning of value", refusal("NaN"));
        assertEquals("invalid character 'I' looking for beginning of value", refusal("{\"a\":Infinity}"));
        assertEquals("invalid character 'x' in string escape code", refusal("\"\\x\""));
        assertEquals("invalid character 'x' in numeric literal", refusal("-x"));
        for (String bad : new String[] {"01", "1.x", "[1,]", "{\"a\":1,}", "{,}", "\"\\u12\"", "[-]"}) {
            String m = refusal(bad);
            assertEquals(false, m.contains("`") || m.contains("Source") || m.contains("(code") || m.contains("Jackson")
                    || m.contains("Feature"), bad + " -> " + m);
        }
    }

    @Test
    void deepNesting_isExceededMaxDepth_withoutJavaNames() {
        String m = refusal("[".repeat(5000) + "]".repeat(5000));
        assertEquals("exceeded max depth", m);
    }

    @Test
    void invalidUtf8InAString_isReadAsReplacementCharacters_asGoDoes() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', 'x', (byte) 0xff, 'y', '"', '}'};
        assertEquals("x\ufffdy", Json.parse(body).path("a").asText());
    }

    @Test
    void goQuotesCharactersAsQuoteCharDoes() {
        assertEquals("'\\''", GoJsonErrors.quote('\''));
        assertEquals("'\"'", GoJsonErrors.quote('"'));
        assertEquals("'\\n'", GoJsonErrors.quote('\n'));
        assertEquals("'é'", GoJsonErrors.quote('é'));
    }
}
