package io.berth.engine.service;

import io.berth.engine.TestRootfs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the tests that run real containers (runc under conmon on a busybox rootfs): a fresh
 * {@link RealEngine} on a temporary directory per test, closed afterwards (it stops containers and removes
 * mounts, runc state and cgroups). Without root, runc, conmon or busybox each test fails under CI and is
 * skipped elsewhere ({@link TestRootfs#requireContainerTools}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class RealEngineTest {
    @TempDir
    Path tmp;

    /** The engine under test; created before each test. */
    RealEngine e;

    @BeforeEach
    void startRealEngine() throws IOException {
        TestRootfs.requireContainerTools();
        e = new RealEngine(tmp);
    }

    @AfterEach
    void closeRealEngine() throws Exception {
        if (e != null) {
            e.close();
        }
    }
}
