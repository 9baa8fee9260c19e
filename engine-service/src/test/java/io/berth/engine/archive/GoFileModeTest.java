package io.berth.engine.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GoFileModeTest {
    @Test
    void typesAndSpecialBits_moveToGosHighBits() {
        assertEquals(0644L, GoFileMode.of(0100644));
        assertEquals((1L << 31) | 0755, GoFileMode.of(040755));
        assertEquals((1L << 27) | 0777, GoFileMode.of(0120777));
        assertEquals((1L << 23) | 0755, GoFileMode.of(0104755), "setuid");
        assertEquals((1L << 22) | 0755, GoFileMode.of(0102755), "setgid");
        assertEquals((1L << 31) | (1L << 20) | 0777, GoFileMode.of(041777), "sticky /tmp");
        assertEquals((1L << 26) | (1L << 21) | 0666, GoFileMode.of(020666), "character device");
        assertEquals((1L << 26) | 0660, GoFileMode.of(060660), "block device");
        assertEquals((1L << 25) | 0600, GoFileMode.of(010600), "named pipe");
        assertEquals((1L << 24) | 0755, GoFileMode.of(0140755), "socket");
    }
}
