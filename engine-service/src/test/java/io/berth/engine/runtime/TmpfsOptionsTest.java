package io.berth.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.errors.InvalidArgumentException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TmpfsOptionsTest {
    @Test
    void merge_none_defaults() {
        assertEquals(TmpfsOptions.DEFAULTS, TmpfsOptions.merge(""));
    }

    @Test
    void merge_laterFlagOrKeyWins() {
        assertEquals(List.of("nosuid", "nodev", "exec", "size=2m", "shared"),
                TmpfsOptions.merge("exec,size=1m,size=2m,defaults,shared"));
    }

    @Test
    void merge_unknownOption_400() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> TmpfsOptions.merge("size=1m,bogus"));
        assertEquals("Invalid tmpfs option \"bogus\"", e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> TmpfsOptions.merge("colour=red"));
    }

    @Test
    void fromMount_sizeInLargestUnitModeOctalReadOnly() {
        assertEquals("ro,mode=755,size=2g", TmpfsOptions.fromMount(true, 2L << 30, 0755));
        assertEquals("size=1536k", TmpfsOptions.fromMount(false, 1536 * 1024, 0));
        assertEquals("size=1000", TmpfsOptions.fromMount(false, 1000, 0));
        assertEquals("", TmpfsOptions.fromMount(false, 0, 0));
    }
}
