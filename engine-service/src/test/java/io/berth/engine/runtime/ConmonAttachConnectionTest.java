package io.berth.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.newsclub.net.unix.AFSocketPair;
import org.newsclub.net.unix.AFSocketType;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSelectorProvider;

/** The connection to conmon's attach socket over a real SOCK_SEQPACKET socket pair (the peer plays conmon). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConmonAttachConnectionTest {
    @Test
    void write_largeInput_arrivesInOrderInPacketsConmonCanReadWhole() throws Exception {
        AFSocketPair<AFUNIXDatagramChannel> pair = AFUNIXSelectorProvider.provider()
                .openDatagramChannelPair(AFSocketType.SOCK_SEQPACKET);
        AFUNIXDatagramChannel conmon = pair.getSocket2();
        byte[] input = new byte[20_000];
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) i;
        }
        try (ConmonAttachConnection c = new ConmonAttachConnection(pair.getSocket1(), "t")) {
            c.write(input);
        }

        List<Integer> sizes = new ArrayList<>();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(32768); // conmon's CONN_SOCK_BUF_SIZE
        for (int n = conmon.read(buf); n > 0; n = conmon.read(buf.clear())) {
            sizes.add(n);
            got.write(buf.array(), 0, n);
        }
        conmon.close();

        assertEquals(List.of(8192, 8192, 3616), sizes);
        assertArrayEquals(input, got.toByteArray());
    }

    @Test
    void close_halfCloses_conmonSeesTheEndOfInputAndCanStillWriteOutput() throws Exception {
        AFSocketPair<AFUNIXDatagramChannel> pair = AFUNIXSelectorProvider.provider()
                .openDatagramChannelPair(AFSocketType.SOCK_SEQPACKET);
        AFUNIXDatagramChannel conmon = pair.getSocket2();
        ConmonAttachConnection c = new ConmonAttachConnection(pair.getSocket1(), "t");
        c.write(new byte[] {'a'});

        c.close();
        c.close();

        ByteBuffer buf = ByteBuffer.allocate(16);
        assertEquals(1, conmon.read(buf));
        assertTrue(conmon.read(buf.clear()) <= 0, "end of input after the data");
        // conmon 2.1 loses the stdin close if this write fails before it has read the end of input
        for (int i = 0; i < 100; i++) {
            assertEquals(3, conmon.write(ByteBuffer.wrap(new byte[] {1, 'o', '\n'})));
        }
        conmon.close();
        assertThrows(IOException.class, () -> c.write(new byte[] {'b'}));
    }

    @Test
    void drain_conmonSendsMoreOutputThanTheSocketHolds_itsBlockingWritesComplete() throws Exception {
        AFSocketPair<AFUNIXDatagramChannel> pair = AFUNIXSelectorProvider.provider()
                .openDatagramChannelPair(AFSocketType.SOCK_SEQPACKET);
        AFUNIXDatagramChannel conmon = pair.getSocket2();
        byte[] chunk = new byte[8193]; // conmon's [stream byte][8192 bytes of output]
        chunk[0] = 2;
        try (ConmonAttachConnection c = new ConmonAttachConnection(pair.getSocket1(), "t")) {
            for (int i = 0; i < 2000; i++) { // ~16 MB: far beyond any socket buffer, blocks unless drained
                conmon.write(ByteBuffer.wrap(chunk));
            }
            c.write(new byte[] {'x'});
        }
        ByteBuffer buf = ByteBuffer.allocate(16);
        assertEquals(1, conmon.read(buf));
        assertEquals('x', buf.get(0));
        conmon.close();
    }
}
