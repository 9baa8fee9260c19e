package io.berth.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;

import io.berth.common.events.EventPublisher;
import io.berth.engine.TestConfigs;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.WaitCondition;
import io.berth.engine.container.Waiters;
import io.berth.engine.logs.K8sFileLog;
import io.berth.engine.logs.LogEntry;
import io.berth.engine.logs.LogQuery;
import io.berth.engine.logs.LogStream;
import io.berth.engine.runtime.RootfsMounter;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.HostConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * Runs real containers with runc under conmon on a busybox rootfs (bind-mounted as the "snapshot"), with
 * the storage service and the monitor mocked. Needs root, runc, conmon and busybox ({@link RealEngineTest}).
 */
class RealContainerRunTest extends RealEngineTest {
    private EventPublisher events;

    @BeforeEach
    void setUp() {
        events = e.events;
    }

    @Test
    void run_shellWritingBothStreams_logsJsonFileAndExits3() throws Exception {
        ContainerRecord r = create(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), false);
        CompletableFuture<Waiters.Result> exit = new CompletableFuture<>();
        e.get(ContainerWaits.class).await(r.id(), WaitCondition.NEXT_EXIT, exit::complete);
        RecordingSink attach = new RecordingSink();
        e.get(ContainerStreams.class).attach(r.id(), new AttachOptions(false, true, true, true, false),
                attach);

        assertFalse(e.get(ContainerStarter.class).start(r.id()));

        assertEquals(3, exit.get(60, TimeUnit.SECONDS).statusCode());
        attach.ended.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("stdout:out\n", "stderr:err\n"), attach.texts());
        List<LogEntry> log = new K8sFileLog(Path.of(r.logPath()), true).readAll();
        assertEquals(List.of(LogStream.STDOUT, LogStream.STDERR), log.stream().map(LogEntry::stream).toList());
        String k8s = Files.readString(Path.of(r.logPath()));
        assertTrue(k8s.matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}[+-]\\d\\d:\\d\\d stdout F out\n.*"),
                "conmon's k8s-file line in the data root: " + k8s);
        ContainerRecord after = e.get(ContainerQueries.class).inspect(r.id());
        assertEquals("exited", after.state().status());
        assertEquals(3, after.state().exitCode());
        InOrder order = inOrder(events);
        order.verify(events).publish(eq("container"), eq("create"), eq(r.id()), anyMap(), anyLong());
        order.verify(events).publish(eq("container"), eq("start"), eq(r.id()), anyMap(), anyLong());
        order.verify(events).publish(eq("container"), eq("die"), eq(r.id()),
                eq(Map.of("image", "fixture/busybox:1", "name", r.shortName(), "exitCode", "3")), anyLong());
        RealContainerCleanup.assertNothingLeft(e.config, e.cgroupParent, r.id(),
                e.get(RootfsMounter.class));
    }

    @Test
    void stop_shellIgnoringSigterm_killsAfterTimeoutAndCleansUp() throws Exception {
        ContainerRecord r = create(List.of("sh", "-c", "while true; do echo tick; sleep 1; done"), false);
        e.get(ContainerStarter.class).start(r.id());
        RecordingSink follow = new RecordingSink();
        e.get(ContainerStreams.class).logs(r.id(), new LogQuery(true, true, 0, 0, -1), true, follow);
        follow.firstEntry.get(30, TimeUnit.SECONDS);
        assertTrue(Files.isDirectory(Path.of("/sys/fs/cgroup/pids" + e.cgroupParent, r.id())));

        assertFalse(e.get(ContainerStopper.class).stop(r.id(), 1));

        follow.ended.get(10, TimeUnit.SECONDS);
        ContainerRecord after = e.get(ContainerQueries.class).inspect(r.id());
        assertEquals(137, after.state().exitCode());
        assertTrue(follow.texts().stream().allMatch(t -> t.equals("stdout:tick\n")), follow.texts().toString());
        InOrder order = inOrder(events);
        order.verify(events).publish(eq("container"), eq("kill"), eq(r.id()),
                eq(Map.of("image", "fixture/busybox:1", "name", r.shortName(), "signal", "15")), anyLong());
        order.verify(events).publish(eq("container"), eq("kill"), eq(r.id()),
                eq(Map.of("image", "fixture/busybox:1", "name", r.shortName(), "signal", "9")), anyLong());
        order.verify(events).publish(eq("container"), eq("die"), eq(r.id()), any(), anyLong());
        order.verify(events).publish(eq("container"), eq("stop"), eq(r.id()), any(), anyLong());
        RealContainerCleanup.assertNothingLeft(e.config, e.cgroupParent, r.id(),
                e.get(RootfsMounter.class));
        assertTrue(e.get(ContainerStopper.class).stop(r.id(), 1));
    }

    @Test
    void remove_autoRemoveContainer_completesRemovedWaiterAfterDestroy() throws Exception {
        ContainerRecord r = create(List.of("echo", "hello"), true);
        CompletableFuture<Waiters.Result> removed = new CompletableFuture<>();
        e.get(ContainerWaits.class).await(r.id(), WaitCondition.REMOVED, removed::complete);

        e.get(ContainerStarter.class).start(r.id());

        assertEquals(0, removed.get(60, TimeUnit.SECONDS).statusCode());
        assertTrue(e.get(io.berth.engine.container.ContainerStore.class).find(r.id()).isEmpty());
        assertFalse(Files.exists(e.config.containerDir(r.id())));
        InOrder order = inOrder(events, e.snapshots);
        order.verify(events).publish(eq("container"), eq("die"), eq(r.id()), any(), anyLong());
        order.verify(e.snapshots).remove(r.id());
        order.verify(events).publish(eq("container"), eq("destroy"), eq(r.id()), any(), anyLong());
    }

    @Test
    void run_userAndWorkingDir_ownHostnameOnTheBridgeDefaultPath() throws Exception {
        ContainerConfig base = TestConfigs.config(RealEngine.IMAGE, List.of("sh", "-c",
                "hostname; cat /etc/hostname; ls /sys/class/net; id -u; id -g; echo $PATH; pwd"));
        ContainerConfig cfg = TestConfigs.config("", "", "nobody", false, true, true, false, false, false,
                List.of(), TestConfigs.cmd(base), base.getImage(), "/tmp/work", null, Map.of(), "", null, List.of(),
                List.of(), false);
        ContainerRecord r = e.create(cfg, ContainerRecord.DEFAULT_HOST_CONFIG);
        CompletableFuture<Waiters.Result> exit = new CompletableFuture<>();
        e.get(ContainerWaits.class).await(r.id(), WaitCondition.NEXT_EXIT, exit::complete);

        e.get(ContainerStarter.class).start(r.id());

        assertEquals(0, exit.get(60, TimeUnit.SECONDS).statusCode());
        String shortId = r.id().substring(0, 12);
        List<String> lines = new K8sFileLog(Path.of(r.logPath()), true).readAll().stream()
                .map(le -> new String(le.data(), StandardCharsets.UTF_8).trim()).toList();
        assertEquals(List.of(shortId, shortId, "eth0", "lo", "65534", "65534",
                "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "/tmp/work"), lines);
        // the exit handler releases the network after it completed the exit waiters (as dockerd's Cleanup
        // follows SetStopped), still under the container's lock
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Path netns = e.config.execRoot().resolve("netns").resolve(r.id());
        while ((!e.get(io.berth.engine.network.ContainerNetworks.class).attachments(r.id()).isEmpty()
                || Files.exists(netns)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of(), e.get(io.berth.engine.network.ContainerNetworks.class).attachments(r.id()),
                "detached at exit");
        assertFalse(Files.exists(netns), "namespace removed at exit");
    }

    @Test
    void start_missingExecutable_failsWith127AndStaysCreated() {
        ContainerRecord r = create(List.of("/no/such/binary"), false);

        io.berth.common.errors.BerthException err = org.junit.jupiter.api.Assertions.assertThrows(
                io.berth.common.errors.BerthException.class, () -> e.get(ContainerStarter.class).start(r.id()));

        ContainerRecord after = e.get(ContainerQueries.class).inspect(r.id());
        assertEquals("created", after.state().status());
        assertEquals(127, after.state().exitCode());
        assertTrue(after.state().error().contains("no such file or directory"), after.state().error());
        assertEquals(io.berth.common.errors.ErrorCategory.INVALID_ARGUMENT, err.category(), err.getMessage());
        assertFalse(e.get(RootfsMounter.class).isMounted(e.config.bundle(r.id()).rootfs()));
    }

    @Test
    void engineStop_runningContainer_stopsItUnmountsAndRemovesCgroupParent() throws Exception {
        ContainerConfig base = TestConfigs.config(RealEngine.IMAGE, List.of("sleep", "1000"));
        ContainerConfig cfg = TestConfigs.config("", "", "", false, true, true, false, false, false, List.of(),
                TestConfigs.cmd(base), base.getImage(), "", null, Map.of(), "", 1, List.of(), List.of(), false);
        ContainerRecord r = e.create(cfg, ContainerRecord.DEFAULT_HOST_CONFIG);
        e.get(ContainerStarter.class).start(r.id());

        e.engine.stop();

        ContainerRecord after = e.get(ContainerQueries.class).inspect(r.id());
        assertEquals("exited", after.state().status());
        assertEquals(137, after.state().exitCode());
        RealContainerCleanup.assertNothingLeft(e.config, e.cgroupParent, r.id(), e.get(RootfsMounter.class));
        assertFalse(Files.exists(Path.of("/sys/fs/cgroup/pids" + e.cgroupParent)));
    }

    private ContainerRecord create(List<String> cmd, boolean autoRemove) {
        return e.create(cmd, autoRemove);
    }

    /** Collects attach/log output. */
    static final class RecordingSink implements OutputSink {
        final List<LogEntry> entries = Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        final CompletableFuture<Void> firstEntry = new CompletableFuture<>();
        final CompletableFuture<Void> attachedF = new CompletableFuture<>();

        @Override
        public void attached() {
            attachedF.complete(null);
        }

        @Override
        public void onEntry(LogEntry e) {
            entries.add(e);
            firstEntry.complete(null);
        }

        @Override
        public void onEnd() {
            ended.complete(null);
        }

        List<String> texts() {
            synchronized (entries) {
                return entries.stream().map(e -> e.stream().wireName() + ":"
                        + new String(e.data(), StandardCharsets.UTF_8)).toList();
            }
        }
    }
}
