package io.berth.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.errors.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class SignalsTest {
    @Test
    void parse_namesWithOrWithoutSigAnyCaseAndNumbers() {
        assertEquals(9, Signals.parse("KILL", 15));
        assertEquals(9, Signals.parse("SIGKILL", 15));
        assertEquals(1, Signals.parse("hup", 15));
        assertEquals(10, Signals.parse("SIGUSR1", 15));
        assertEquals(3, Signals.parse("3", 15));
        assertEquals(15, Signals.parse("", 15));
        assertEquals(9, Signals.parse(null, 9));
    }

    @Test
    void parse_unknown_throwsInvalidSignal() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Signals.parse("FOO", 9));
        assertEquals("Invalid signal: FOO", e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> Signals.parse("0", 9));
        assertThrows(InvalidArgumentException.class, () -> Signals.parse("99", 9));
    }

    @Test
    void parse_realTimeNames_asGosLinuxSignalMap() {
        assertEquals(34, Signals.parse("RTMIN", 15));
        assertEquals(37, Signals.parse("RTMIN+3", 15));
        assertEquals(37, Signals.parse("SIGRTMIN+3", 15));
        assertEquals(49, Signals.parse("rtmin+15", 15));
        assertEquals(50, Signals.parse("RTMAX-14", 15));
        assertEquals(64, Signals.parse("RTMAX", 15));
        assertThrows(InvalidArgumentException.class, () -> Signals.parse("RTMIN+16", 9));
        assertThrows(InvalidArgumentException.class, () -> Signals.parse("RTMIN+03", 9));
        assertThrows(InvalidArgumentException.class, () -> Signals.parse("RTMAX-0", 9));
    }
}
