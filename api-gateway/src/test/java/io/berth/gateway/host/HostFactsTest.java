package io.berth.gateway.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostFactsTest {
    @TempDir
    Path root;

    @Test
    void openFileDescriptors_countsTheEntriesOfProcSelfFd() throws IOException {
        Files.createDirectories(root.resolve("proc/self/fd"));
        for (String fd : new String[] {"0", "1", "2", "7"}) {
            Files.writeString(root.resolve("proc/self/fd/" + fd), "");
        }
        assertEquals(4, new HostFacts(root).openFileDescriptors());
    }

    @Test
    void openFileDescriptors_withoutProc_isMinusOneAsDockerd() {
        assertEquals(-1, new HostFacts(root).openFileDescriptors());
    }

    @Test
    void openFileDescriptors_onThisMachine_countsTheRealDescriptors() {
        assertTrue(new HostFacts(Path.of("/")).openFileDescriptors() > 3);
    }
}
