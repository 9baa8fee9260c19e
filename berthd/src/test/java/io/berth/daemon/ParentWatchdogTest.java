package io.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.ParentWatchdog;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service whose berthd is killed with SIGKILL exits by itself ({@link ParentWatchdog} in common). */
class ParentWatchdogTest {
    @TempDir
    Path dir;

    @Test
    void service_whoseParentIsKilled_exits() throws Exception {
        Path socket = dir.resolve("monitor.sock");
        String java = JvmLauncher.current().javaBinary();
        String script = "'" + java + "' -Dberth.parent.pid=$$ -cp '" + System.getProperty("java.class.path") + "' "
                + FakeService.class.getName() + " --socket '" + socket + "' & wait";
        Process parent = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile()).start();
        FakeServices.await(() -> new GrpcHealthProbe(socket).isReady(), "the service to be ready");
        ProcessHandle child = parent.toHandle().children().findFirst().orElseThrow();
        parent.destroyForcibly();
        assertTrue(parent.waitFor(10, TimeUnit.SECONDS));
        try {
            child.onExit().get(30, TimeUnit.SECONDS);
        } finally {
            child.destroyForcibly();
        }
        assertTrue(!child.isAlive());
    }
}
