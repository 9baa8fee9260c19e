package io.berth.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.engine.TestConfigs;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.WaitCondition;
import io.berth.engine.container.Waiters;
import io.berth.engine.logs.K8sFileLog;
import io.berth.engine.logs.LogQuery;
import io.berth.engine.runtime.RootfsMounter;
import io.berth.engine.stdin.StdinWriter;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.HostConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Attach stdin with real containers: runc under conmon {@code -i}, input through conmon's attach socket
 * (Docker's {@code docker run -i} and {@code docker attach}). Needs root, runc, conmon and busybox.
 */
class RealContainerStdinTest extends RealEngineTest {

    private ContainerRecord create(List<String> cmd, boolean stdinOnce) {
        ContainerConfig cfg = TestConfigs.config("", "", "", true, true, true, false, true, stdinOnce, List.of(),
                cmd, RealEngine.IMAGE, "", null, Map.of(), "", null, List.of(), List.of(), false);
        return e.create(cfg, ContainerRecord.DEFAULT_HOST_CONFIG);
    }

    private CompletableFuture<Waiters.Result> nextExit(ContainerRecord r) {
        CompletableFuture<Waiters.Result> exit = new CompletableFuture<>();
        e.get(ContainerWaits.class).await(r.id(), WaitCondition.NEXT_EXIT, exit::complete);
        return exit;
    }

    private static List<String> stdout(ContainerRecord r) {
        return new K8sFileLog(Path.of(r.logPath()), true).readAll().stream()
                .map(le -> le.stream().wireName() + ":" + new String(le.data(), StandardCharsets.UTF_8)).toList();
    }

    /** docker run -i: stdin written and half-closed before start. */
    private List<String> runWithStdinBeforeStart(List<String> cmd, String input) throws Exception {
        ContainerRecord r = create(cmd, true);
        CompletableFuture<Waiters.Result> exit = nextExit(r);
        StdinWriter stdin = e.get(ContainerStdin.class).open(r.id());
        if (!input.isEmpty()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        stdin.end();

        e.get(ContainerStarter.class).start(r.id());

        assertEquals(0, exit.get(60, TimeUnit.SECONDS).statusCode());
        RealContainerCleanup.assertNothingLeft(e.config, e.cgroupParent, r.id(), e.get(RootfsMounter.class));
        return stdout(r);
    }

    @Test
    void run_catWithStdinClosedBeforeStart_echoesItAndExits0() throws Exception {
        assertEquals(List.of("stdout:hello\n", "stdout:world\n"),
                runWithStdinBeforeStart(List.of("cat"), "hello\nworld\n"));
    }

    @Test
    void run_wcWithStdinClosedBeforeStart_countsTwoLines() throws Exception {
        List<String> out = runWithStdinBeforeStart(List.of("busybox", "wc", "-l"), "hello\nworld\n");

        assertEquals(1, out.size(), out.toString());
        assertEquals("stdout:2", out.get(0).trim());
    }

    @Test
    void run_catWithEmptyStdin_exits0WithoutOutput() throws Exception {
        assertEquals(List.of(), runWithStdinBeforeStart(List.of("cat"), ""));
    }

    @Test
    void attach_runningWithoutStdinOnce_twoClientsInTurnAndStdinStaysOpenBetween() throws Exception {
        ContainerRecord r = create(List.of("sh", "-c", "read a; echo got-$a; read b; echo got-$b"), false);
        CompletableFuture<Waiters.Result> exit = nextExit(r);
        e.get(ContainerStarter.class).start(r.id());
        RealContainerRunTest.RecordingSink follow = new RealContainerRunTest.RecordingSink();
        e.get(ContainerStreams.class).logs(r.id(), new LogQuery(true, true, 0, 0, -1), true, follow);

        StdinWriter first = e.get(ContainerStdin.class).open(r.id());
        first.write("one\n".getBytes(StandardCharsets.UTF_8));
        first.end();
        follow.firstEntry.get(30, TimeUnit.SECONDS);
        StdinWriter second = e.get(ContainerStdin.class).open(r.id());
        second.write("two\n".getBytes(StandardCharsets.UTF_8));
        second.end();

        assertEquals(0, exit.get(60, TimeUnit.SECONDS).statusCode());
        assertEquals(List.of("stdout:got-one\n", "stdout:got-two\n"), stdout(r));
        RealContainerCleanup.assertNothingLeft(e.config, e.cgroupParent, r.id(), e.get(RootfsMounter.class));
    }

    @Test
    void attach_afterEngineRestart_stdinReachesTheRecoveredContainer() throws Exception {
        ContainerRecord r = create(List.of("sh", "-c", "read a; echo got-$a"), false);
        e.get(ContainerStarter.class).start(r.id());
        e.crash();
        e.reboot();
        CompletableFuture<Waiters.Result> exit = nextExit(r);

        StdinWriter stdin = e.get(ContainerStdin.class).open(r.id());
        stdin.write("after-restart\n".getBytes(StandardCharsets.UTF_8));
        stdin.end();

        assertEquals(0, exit.get(60, TimeUnit.SECONDS).statusCode());
        assertEquals(List.of("stdout:got-after-restart\n"), stdout(r));
        RealContainerCleanup.assertNothingLeft(e.config, e.cgroupParent, r.id(), e.get(RootfsMounter.class));
    }
}
