package io.berth.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConmonControlTest {
    @TempDir
    Path dir;

    private final ConmonControl control = new ConmonControl();

    private Path mkfifo() throws Exception {
        Path fifo = dir.resolve(ConmonControl.FIFO_NAME);
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        return fifo;
    }

    @Test
    void resize_writesConmonsWinResizeLine() throws Exception {
        Path fifo = mkfifo();
        try (RandomAccessFile reader = new RandomAccessFile(fifo.toFile(), "rw")) { // O_RDWR: a reader, no block
            control.resize(dir, 40, 120);
            byte[] b = new byte[64];
            int n = reader.read(b);
            assertEquals("1 40 120\n", new String(b, 0, n, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void resize_withoutReader_failsAtOnceInsteadOfBlocking() throws Exception {
        mkfifo();
        IOException e = assertThrows(IOException.class, () -> control.resize(dir, 1, 2));
        assertTrue(e.getMessage().contains("conmon no longer reads"), e.getMessage());
    }

    @Test
    void resize_withoutFifo_saysThereIsNoTerminal() {
        IOException e = assertThrows(IOException.class, () -> control.resize(dir, 1, 2));
        assertTrue(e.getMessage().contains("no terminal control FIFO"), e.getMessage());
    }
}
