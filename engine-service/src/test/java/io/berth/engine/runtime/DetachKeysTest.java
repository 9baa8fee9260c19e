package io.berth.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class DetachKeysTest {
    @Test
    void parse_readsCtrlKeysAndSingleCharacters() {
        assertArrayEquals(new byte[] {16, 17}, DetachKeys.parse("ctrl-p,ctrl-q"));
        assertArrayEquals(new byte[] {'a', 0, 28}, DetachKeys.parse("a,ctrl-@,ctrl-\\"));
        assertArrayEquals(new byte[0], DetachKeys.parse(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DetachKeys.parse("ctrl-1"));
        assertEquals("Unknown character: 'ctrl-1'", e.getMessage());
    }

    @Test
    void scanner_holdsAPartialSequence_andReleasesItWhenTheNextByteBreaksIt() {
        DetachKeys.Scanner s = new DetachKeys.Scanner(new byte[0]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertFalse(s.feed(new byte[] {'a', 16}, out));
        assertArrayEquals(new byte[] {'a'}, out.toByteArray());
        assertFalse(s.feed(new byte[] {'b'}, out));
        assertArrayEquals(new byte[] {'a', 16, 'b'}, out.toByteArray());
    }

    @Test
    void scanner_detectsTheSequenceAcrossWrites() {
        DetachKeys.Scanner s = new DetachKeys.Scanner(DetachKeys.parse("ctrl-x,y"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertFalse(s.feed(new byte[] {'1', 24}, out));
        assertTrue(s.feed(new byte[] {'y', '2'}, out));
        assertArrayEquals(new byte[] {'1'}, out.toByteArray());
    }
}
