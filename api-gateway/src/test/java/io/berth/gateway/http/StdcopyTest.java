package io.berth.gateway.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StdcopyTest {
    @Test
    void frame_writesStreamAndBigEndianLength() {
        byte[] f = Stdcopy.frame(Stdcopy.STDERR, "err0\n".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 0, 0, 5, 'e', 'r', 'r', '0', '\n'}, f);
    }

    @Test
    void frame_largePayload_usesAllFourLengthBytes() {
        byte[] payload = new byte[0x01020304];
        byte[] f = Stdcopy.frame(Stdcopy.STDOUT, payload);
        assertArrayEquals(new byte[] {1, 0, 0, 0, 1, 2, 3, 4}, java.util.Arrays.copyOf(f, 8));
    }
}
