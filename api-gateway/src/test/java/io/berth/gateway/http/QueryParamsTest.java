package io.berth.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParamsTest {
    private static QueryParams q(String name, String value) {
        return new QueryParams(Map.of(name, List.of(value)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "no", "false", "FALSE", "False", "none", "NoNe"})
    void bool_dockerdFalseSpellings_areFalse(String value) {
        assertFalse(q("all", value).bool("all", true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "True", "yes", "anything"})
    void bool_otherValues_areTrue(String value) {
        assertTrue(q("all", value).bool("all", false));
    }

    @Test
    void bool_absent_takesDefault() {
        QueryParams none = new QueryParams(Map.of());
        assertTrue(none.bool("stdout", true));
        assertFalse(none.bool("stdout", false));
    }

    @Test
    void integer_parsesAndRejectsGarbage() {
        assertEquals(5, q("t", "5").integer("t", 10));
        assertEquals(10, q("t", "").integer("t", 10));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> q("t", "x").integer("t", 0));
        assertTrue(e.getMessage().contains("t"));
    }
}
