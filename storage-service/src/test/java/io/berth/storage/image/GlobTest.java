package io.berth.storage.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.errors.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {
    @ParameterizedTest
    @CsvSource({
        "cap*, capbb, true",
        "cap*, cap/bb, false",
        "fixture/*, fixture/busybox, true",
        "fixture/*:1, fixture/busybox:1, true",
        "*, fixture/busybox, false",
        "busy?ox, busybox, true",
        "[a-c]usybox, busybox, true",
        "[^a-c]usybox, busybox, false",
        "a.b, axb, false",
        "a\\*b, a*b, true"
    })
    void matches_followsGoPathMatch(String pattern, String text, boolean expected) {
        assertEquals(expected, Glob.matches(pattern, text));
    }

    @Test
    void matches_unclosedClass_isInvalidArgument() {
        assertThrows(InvalidArgumentException.class, () -> Glob.matches("[abc", "a"));
    }
}
