package io.berth.common.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteSizeTest {
    @Test
    void parse_numbersAndBinaryUnitsAsGoUnitsRamInBytes() {
        assertEquals(1048576, ByteSize.parse("1048576"));
        assertEquals(512L << 20, ByteSize.parse("512m"));
        assertEquals(10L << 30, ByteSize.parse("10GB"));
        assertEquals(1536, ByteSize.parse("1.5k"));
        assertEquals(2L << 40, ByteSize.parse("2TiB"));
    }

    @Test
    void parse_refusesWhatGoUnitsRefuses() {
        for (String bad : new String[] {"", "m", "-1", "12x", "1..2g", "99999999p"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(bad), bad);
            assertEquals("invalid size: '" + bad + "'", e.getMessage());
        }
    }
}
