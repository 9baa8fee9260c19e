package io.berth.storage.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.errors.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {
    @Test
    void sha256_ofEmptyInput_isTheWellKnownValue() {
        assertEquals("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                Digest.sha256(new byte[0]).toString());
    }

    @Test
    void parse_roundTripsAndShortIdIs12Hex() {
        Digest d = Digest.parse("sha256:" + "ab".repeat(32));

        assertEquals("sha256:" + "ab".repeat(32), d.toString());
        assertEquals("abababababab", d.shortId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sha256:", "sha256:abc", "md5:" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void parse_malformed_isInvalidArgument(String text) {
        assertThrows(InvalidArgumentException.class, () -> Digest.parse(text));
    }
}
