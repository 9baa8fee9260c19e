package io.berth.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class DetachKeysTest {
    @Test
    void parse_emptyOrNull_isCtrlPCtrlQ() {
        assertSame(DetachKeys.DEFAULT, DetachKeys.parse(""));
        assertSame(DetachKeys.DEFAULT, DetachKeys.parse(null));
        assertArrayEquals(new byte[] {16, 17}, DetachKeys.DEFAULT.sequence());
    }

    @Test
    void parse_namesAndSingleCharacters_asMobyToBytes() {
        assertArrayEquals(new byte[] {0, 1, 26, 27, 28, 29, 30, 31, 127, 'a', 'P'},
                DetachKeys.parse("ctrl-@,ctrl-a,ctrl-z,ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_,DEL,a,P").sequence());
    }

    @Test
    void parse_badKeys_dockerdsMessage() {
        for (String bad : new String[] {"ctrl-", "ctrl-A", "ctrl-1", "ab", ",", "a,", "del", "ctrl-p,,ctrl-q"}) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> DetachKeys.parse(bad), bad);
            assertEquals("Invalid detach keys (" + bad + ") provided", e.getMessage());
        }
    }

    @Test
    void scanner_sequenceSplitAcrossChunks_detachesAndForwardsWhatCameBefore() {
        DetachKeys.Scanner s = DetachKeys.DEFAULT.scanner();
        DetachKeys.Result a = s.scan(new byte[] {'l', 's', 16});
        assertArrayEquals(new byte[] {'l', 's'}, a.forward());
        assertFalse(a.detached());
        DetachKeys.Result b = s.scan(new byte[] {17, 'x'});
        assertArrayEquals(new byte[0], b.forward());
        assertTrue(b.detached());
        assertTrue(s.scan(new byte[] {'y'}).detached());
    }

    @Test
    void scanner_heldPrefixThatDoesNotContinue_isForwardedWithTheNextByte() {
        DetachKeys.Scanner s = DetachKeys.DEFAULT.scanner();
        assertArrayEquals(new byte[0], s.scan(new byte[] {16}).forward());
        DetachKeys.Result r = s.scan(new byte[] {'q'});
        assertArrayEquals(new byte[] {16, 'q'}, r.forward());
        assertFalse(r.detached());
    }

    @Test
    void scanner_mismatchIsNotRetriedAsAStart_asDockerdsEscapeProxy() {
        DetachKeys.Result r = DetachKeys.DEFAULT.scanner().scan(new byte[] {16, 16, 17});
        assertArrayEquals(new byte[] {16, 16, 17}, r.forward());
        assertFalse(r.detached());
    }
}
