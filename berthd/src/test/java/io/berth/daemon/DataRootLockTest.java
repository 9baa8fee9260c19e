package io.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataRootLockTest {
    @TempDir
    Path dataRoot;

    @Test
    void tryAcquire_twice_secondIsRefusedAndFileKeepsFirstPid() throws Exception {
        Path file = dataRoot.resolve("berthd.lock");
        try (DataRootLock first = DataRootLock.tryAcquire(file, 111).orElseThrow()) {
            Optional<DataRootLock> second = DataRootLock.tryAcquire(file, 222);
            assertTrue(second.isEmpty());
            assertEquals(Optional.of(111L), DataRootLock.holderPid(file));
            assertEquals("berthd: another berthd (pid 111) is already using data root " + dataRoot
                    + " (lock " + file + ")", DataRootLock.refusal(file, dataRoot));
        }
    }

    @Test
    void tryAcquire_afterRelease_succeeds() throws Exception {
        Path file = dataRoot.resolve("berthd.lock");
        DataRootLock.tryAcquire(file, 111).orElseThrow().close();
        try (DataRootLock again = DataRootLock.tryAcquire(file, 333).orElseThrow()) {
            assertEquals(Optional.of(333L), DataRootLock.holderPid(again.file()));
        }
    }
}
