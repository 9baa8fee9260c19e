package io.berth.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainersOutliveServicesTest {
    @TempDir
    Path execRoot;

    @Test
    void markerWrittenByBerthdOnGivingUp_isSeenUntilTheNextBerthdClearsIt() throws Exception {
        assertFalse(ContainersOutliveServices.requested(execRoot), "a plain stop stops containers");
        ContainersOutliveServices.request(execRoot, "test");
        assertTrue(Files.isRegularFile(execRoot.resolve(ContainersOutliveServices.MARKER)));
        assertTrue(ContainersOutliveServices.requested(execRoot));
        ContainersOutliveServices.clear(execRoot);
        assertFalse(ContainersOutliveServices.requested(execRoot));
    }
}
