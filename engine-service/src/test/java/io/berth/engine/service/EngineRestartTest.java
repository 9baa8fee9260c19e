package io.berth.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;

import io.berth.engine.container.ContainerRecord;
import io.berth.engine.logs.K8sFileLog;
import io.berth.engine.logs.LogEntry;
import io.berth.engine.logs.LogQuery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Containers outlive the engine: a new engine process picks them up (real runc and conmon). */
class EngineRestartTest extends RealEngineTest {

    @Test
    void recover_runningContainer_resumesLogWithoutDuplicatesOrGaps() throws Exception {
        ContainerRecord r = e.create(List.of("sh", "-c", "i=0; while true; do echo tick$i; i=$((i+1)); sleep 0.1; done"),
                false);
        e.get(ContainerStarter.class).start(r.id());
        awaitLogEntries(r, 3);

        e.crash();
        Thread.sleep(500);
        e.reboot();

        assertEquals("running", e.get(ContainerQueries.class).inspect(r.id()).state().status());
        int before = new K8sFileLog(Path.of(r.logPath()), true).readAll().size();
        awaitLogEntries(r, before + 3);
        e.get(ContainerStopper.class).stop(r.id(), 0);
        List<String> lines = texts(r);
        for (int i = 0; i < lines.size(); i++) {
            assertEquals("tick" + i + "\n", lines.get(i), "entry " + i + " of " + lines);
        }
        assertEquals(137, e.get(ContainerQueries.class).inspect(r.id()).state().exitCode());
    }

    @Test
    void recover_containerExitedWhileEngineDown_recordsExitAndLog() throws Exception {
        ContainerRecord r = e.create(List.of("sh", "-c", "sleep 0.5; echo bye; exit 7"),
                false);
        e.get(ContainerStarter.class).start(r.id());
        e.crash();
        Path exitFile = e.config.exitDir().resolve(r.id());
        for (int i = 0; i < 300 && !Files.exists(exitFile); i++) {
            Thread.sleep(100);
        }

        e.reboot();

        ContainerRecord after = e.get(ContainerQueries.class).inspect(r.id());
        assertEquals("exited", after.state().status());
        assertEquals(7, after.state().exitCode());
        assertEquals(List.of("bye\n"), texts(r));
        verify(e.events).publish(eq("container"), eq("die"), eq(r.id()),
                eq(Map.of("image", RealEngine.IMAGE, "name", r.shortName(), "exitCode", "7")), anyLong());
        RealContainerCleanup.assertNothingLeft(e.config, e.cgroupParent, r.id(), e.get(
                io.berth.engine.runtime.RootfsMounter.class));
    }

    private List<String> texts(ContainerRecord r) {
        List<String> out = new ArrayList<>();
        for (LogEntry le : new K8sFileLog(Path.of(r.logPath()), true).readAll()) {
            out.add(new String(le.data(), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void awaitLogEntries(ContainerRecord r, int n) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (new K8sFileLog(Path.of(r.logPath()), true).readAll().size() >= n) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("fewer than " + n + " log entries");
    }
}
