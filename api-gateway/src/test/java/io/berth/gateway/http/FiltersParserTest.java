package io.berth.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.proto.types.v1.Filters;
import java.util.List;
import org.junit.jupiter.api.Test;

class FiltersParserTest {
    @Test
    void parse_cliMapOfSets_keepsTrueEntries() {
        Filters f = FiltersParser.parse("{\"label\":{\"capture=1\":true,\"x=2\":false},\"dangling\":{\"true\":true}}");
        assertEquals(List.of("capture=1"), f.getFiltersOrThrow("label").getValuesList());
        assertEquals(List.of("true"), f.getFiltersOrThrow("dangling").getValuesList());
    }

    @Test
    void parse_listShape_keepsAllValues() {
        Filters f = FiltersParser.parse("{\"status\":[\"created\",\"exited\"],\"label\":[\"a=1\"]}");
        assertEquals(List.of("created", "exited"), f.getFiltersOrThrow("status").getValuesList());
        assertEquals(List.of("a=1"), f.getFiltersOrThrow("label").getValuesList());
    }

    @Test
    void parse_absentOrEmpty_isNoFilters() {
        assertTrue(FiltersParser.parse(null).getFiltersMap().isEmpty());
        assertTrue(FiltersParser.parse("").getFiltersMap().isEmpty());
        assertTrue(FiltersParser.parse("{}").getFiltersMap().isEmpty());
    }

    @Test
    void parse_malformed_isInvalidArgument() {
        assertThrows(InvalidArgumentException.class, () -> FiltersParser.parse("{\"label\":"));
        assertThrows(InvalidArgumentException.class, () -> FiltersParser.parse("[1]"));
        assertThrows(InvalidArgumentException.class, () -> FiltersParser.parse("{\"label\":42}"));
    }
}
