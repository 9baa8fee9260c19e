package io.berth.engine.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.berth.common.errors.AlreadyExistsException;
import io.berth.common.errors.ConflictException;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.NotFoundException;
import io.berth.common.errors.UnavailableException;
import io.berth.engine.TestConfigs;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerRecordFiles;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.container.WaitCondition;
import io.berth.engine.container.Waiters;
import io.berth.engine.logs.K8sFileLog;
import io.berth.engine.logs.LogQuery;
import io.berth.engine.runtime.RuncClient;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.HostConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;

class ContainerLifecycleTest {
    @TempDir
    Path tmp;

    private MockedEngineAccess m;

    @BeforeEach
    void setUp() {
        m = new MockedEngineAccess(tmp);
    }

    @AfterEach
    void tearDown() {
        m.close();
    }

    @Test
    void create_unknownImage_passesNotFoundThroughAndKeepsNothing() {
        when(m.images.resolve("nope:1")).thenThrow(new NotFoundException("No such image: nope:1"));

        NotFoundException e = assertThrows(NotFoundException.class, () -> m.get(ContainerCreator.class)
                .create(new CreateRequest("web", TestConfigs.config("nope:1", null),
                        ContainerRecord.DEFAULT_HOST_CONFIG)));

        assertEquals("No such image: nope:1", e.getMessage());
        verify(m.snapshots, never()).prepare(anyString(), anyString());
        assertEquals("/web", m.create("web", null, false).name());
    }

    @Test
    void create_valid_persistsRecordPreparesSnapshotAndPublishesCreate() throws Exception {
        ContainerRecord r = m.get(ContainerCreator.class).create(new CreateRequest("/web", TestConfigs.config("",
                "", "", false, true, true, false, false, false, List.of(), List.of("echo", "hi"),
                MockedEngineAccess.IMAGE, "", null, Map.of("app", "x"), "", null, List.of(), List.of(), false),
                ContainerRecord.DEFAULT_HOST_CONFIG));

        assertEquals("/web", r.name());
        assertEquals("echo", r.path());
        assertEquals(List.of("hi"), r.args());
        assertEquals("created", r.state().status());
        assertEquals("sha256:" + "ab".repeat(32), r.image());
        assertEquals(m.config.containerDir(r.id()).resolve(r.id() + "-k8s.log").toString(), r.logPath());
        verify(m.snapshots).prepare(r.id(), "sha256:top");
        verifyEvent("create", r.id(), Map.of("app", "x", "image", MockedEngineAccess.IMAGE, "name", "web"));
        List<ContainerRecord> onDisk = new ContainerRecordFiles(m.config).loadAll();
        assertEquals(List.of(r), onDisk);
        assertTrue(Files.exists(m.config.containerDir(r.id()).resolve("config.v2.json")));
    }

    private void verifyEvent(String action, String id, Map<String, String> attributes) {
        verify(m.events).publish(eq("container"), eq(action), eq(id), eq(attributes), anyLong());
    }

    @Test
    void create_nameInUse_throwsAlreadyExistsWithoutSnapshot() {
        ContainerRecord first = m.create("web", null, false);

        AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> m.create("web", null, false));

        assertTrue(e.getMessage().contains("\"/web\" is already in use by container \"" + first.id() + "\""));
        verify(m.snapshots, times(1)).prepare(anyString(), anyString());
    }

    @Test
    void create_snapshotFails_releasesNameAndLeavesNoFiles() throws Exception {
        when(m.snapshots.prepare(anyString(), any())).thenThrow(new UnavailableException("storage down"));

        assertThrows(UnavailableException.class, () -> m.create("web", null, false));

        assertTrue(m.get(ContainerStore.class).all().isEmpty());
        assertTrue(!Files.exists(m.config.containersDir()) || Files.list(m.config.containersDir()).findAny().isEmpty());
    }

    @Test
    void create_noName_generatesDockerStyleName() {
        assertTrue(m.create("", null, false).name().matches("/[a-z]+_[a-z]+[0-9]?"));
    }

    @Test
    void start_whenRunning_reportsAlreadyRunningWithoutLaunching() {
        ContainerRecord r = m.startRunning(m.create("web", null, false));

        assertTrue(m.get(ContainerStarter.class).start("web"));

        assertEquals("running", r.state().status());
        assertEquals(4242, r.state().pid());
        verify(m.conmon, times(1)).launch(anyString(), anyString(), any(), any(), anyBoolean(), any());
        verify(m.mounter).mount(eq(r.rootfsMounts()), eq(m.config.bundle(r.id()).rootfs()));
        assertTrue(Files.exists(m.config.bundle(r.id()).configJson()));
        assertEquals(r.config().getHostname() + "\n", read(r.hostnamePath()));
    }

    @Test
    void start_runcStartFails_staysCreatedWithErrorAndUndoesMount() {
        ContainerRecord r = m.create("web", null, false);
        when(m.conmon.launch(anyString(), anyString(), any(), any(), anyBoolean(), any()))
                .thenReturn(new io.berth.engine.runtime.ConmonLauncher.Launched(7, 0));
        doThrow(new InternalException("runc start failed: boom")).when(m.runc).start(r.id());

        InternalException e = assertThrows(InternalException.class, () -> m.get(ContainerStarter.class).start("web"));

        assertEquals("runc start failed: boom", e.getMessage());
        ContainerRecord after = m.get(ContainerQueries.class).inspect("web");
        assertEquals("created", after.state().status());
        assertEquals("runc start failed: boom", after.state().error());
        assertEquals(128, after.state().exitCode());
        verify(m.mounter).unmount(m.config.bundle(r.id()).rootfs());
    }

    @Test
    void exit_running_drainsLogEndsStreamsRecordsExitThenCompletesWaiters() throws Exception {
        ContainerRecord r = m.startRunning(m.create("web", null, false));
        PipeSink attach = new PipeSink();
        m.get(ContainerStreams.class).attach("web", new AttachOptions(false, true, true, true, false), attach);
        AtomicReference<Waiters.Result> waited = new AtomicReference<>();
        m.get(ContainerWaits.class).await("web", WaitCondition.NEXT_EXIT, res -> {
            attach.events.add("wait:" + res.statusCode());
            waited.set(res);
        });
        m.conmonWrites(r.id(), "2026-11-29T09:09:56.1Z stdout F out\n2026-11-29T09:09:56.2Z stderr P err\n");

        m.get(ContainerExitHandler.class).onExit(r.id(), 5);

        awaitEnd(attach.events); // the stream ends on its own thread, after the exit is recorded
        assertTrue(attach.events.contains("wait:5"), attach.events.toString());
        assertEquals(List.of("attached", "stdout:out\n", "stderr:err", "end"),
                attach.events.stream().filter(e -> !e.startsWith("wait:")).toList());
        ContainerRecord after = m.get(ContainerQueries.class).inspect("web");
        assertEquals("exited", after.state().status());
        assertEquals(5, after.state().exitCode());
        assertEquals(2, new K8sFileLog(Path.of(r.logPath()), true).readAll().size());
        verify(m.runc).delete(r.id(), new RuncClient.DeleteOptions(true));
        verify(m.mounter).unmount(m.config.bundle(r.id()).rootfs());
        verifyEvent("die", r.id(), Map.of("image", MockedEngineAccess.IMAGE, "name", "web", "exitCode", "5"));
    }

    @Test
    void exit_secondDeliveryForSameRun_isIgnored() {
        ContainerRecord r = m.startRunning(m.create("web", null, false));

        m.get(ContainerExitHandler.class).onExit(r.id(), 5);
        m.get(ContainerExitHandler.class).onExit(r.id(), 9);

        assertEquals(5, m.get(ContainerQueries.class).inspect("web").state().exitCode());
        verify(m.events, times(1)).publish(eq("container"), eq("die"), anyString(), anyMap(), anyLong());
    }

    @Test
    void exit_autoRemove_removesThenCompletesRemovedWaiter() {
        ContainerRecord r = m.startRunning(m.create("tmp", null, true));
        AtomicReference<Waiters.Result> removed = new AtomicReference<>();
        m.get(ContainerWaits.class).await("tmp", WaitCondition.REMOVED, removed::set);

        m.get(ContainerExitHandler.class).onExit(r.id(), 3);

        assertEquals(3, removed.get().statusCode());
        assertTrue(m.get(ContainerStore.class).find(r.id()).isEmpty());
        assertFalse(Files.exists(m.config.containerDir(r.id())));
        InOrder order = inOrder(m.events, m.snapshots);
        order.verify(m.events).publish(eq("container"), eq("die"), eq(r.id()), anyMap(), anyLong());
        order.verify(m.snapshots).remove(r.id());
        order.verify(m.events).publish(eq("container"), eq("destroy"), eq(r.id()), anyMap(), anyLong());
    }

    @Test
    void kill_notRunning_throwsDockersConflictText() {
        ContainerRecord r = m.create("cap2", null, false);

        ConflictException e = assertThrows(ConflictException.class,
                () -> m.get(ContainerStopper.class).kill("cap2", "HUP"));

        assertEquals("Cannot kill container: cap2: Container " + r.id() + " is not running", e.getMessage());
        verify(m.runc, never()).kill(anyString(), anyInt(), any());
    }

    @Test
    void kill_running_sendsSignalNumberAndPublishesKill() {
        ContainerRecord r = m.startRunning(m.create("web", null, false));

        m.get(ContainerStopper.class).kill("web", "SIGHUP");

        verify(m.runc).kill(r.id(), 1, new RuncClient.KillOptions(false));
        verifyEvent("kill", r.id(), Map.of("image", MockedEngineAccess.IMAGE, "name", "web", "signal", "1"));
    }

    @Test
    void stop_notRunning_reportsAlreadyStopped() {
        m.create("web", null, false);

        assertTrue(m.get(ContainerStopper.class).stop("web", 1));

        verify(m.runc, never()).kill(anyString(), anyInt(), any());
    }

    @Test
    void remove_runningWithoutForce_throwsDockersConflictText() {
        ContainerRecord r = m.startRunning(m.create("web", null, false));

        ConflictException e = assertThrows(ConflictException.class, () -> m.get(ContainerRemover.class)
                .remove("web", false, false));

        assertEquals("You cannot remove a running container " + r.id() + ". Stop the container before attempting "
                + "removal or force remove", e.getMessage());
        assertEquals("running", m.get(ContainerQueries.class).inspect("web").state().status());
    }

    @Test
    void remove_stopped_removesSnapshotFilesAndPublishesDestroy() {
        ContainerRecord r = m.create("web", null, false);

        Path conmonLink = m.config.socketDir().resolve(r.id());
        assertDoesNotThrow(() -> Files.createDirectories(m.config.socketDir()));
        assertDoesNotThrow(() -> Files.createSymbolicLink(conmonLink, m.config.bundle(r.id()).rootfs().getParent()));

        m.get(ContainerRemover.class).remove("web", false, false);

        verify(m.snapshots).remove(r.id());
        assertFalse(Files.exists(m.config.containerDir(r.id())));
        assertFalse(Files.exists(conmonLink, java.nio.file.LinkOption.NOFOLLOW_LINKS), "conmon's socket link removed");
        assertThrows(NotFoundException.class, () -> m.get(ContainerQueries.class).inspect("web"));
        verify(m.events).publish(eq("container"), eq("destroy"), eq(r.id()), anyMap(), anyLong());
        assertEquals("/web", m.create("web", null, false).name());
    }

    @Test
    void remove_storageFails_keepsContainer() {
        ContainerRecord r = m.create("web", null, false);
        doThrow(new UnavailableException("storage down")).when(m.snapshots).remove(r.id());

        assertThrows(UnavailableException.class, () -> m.get(ContainerRemover.class).remove("web", false, false));

        assertEquals(r.id(), m.get(ContainerQueries.class).inspect("web").id());
        assertTrue(Files.exists(m.config.containerDir(r.id()).resolve("config.v2.json")));
    }

    @Test
    void await_notRunningOnCreated_completesAtOnce_nextExitWaits() {
        m.create("web", null, false);
        AtomicReference<Waiters.Result> now = new AtomicReference<>();
        AtomicReference<Waiters.Result> later = new AtomicReference<>();

        m.get(ContainerWaits.class).await("web", WaitCondition.NOT_RUNNING, now::set);
        m.get(ContainerWaits.class).await("web", WaitCondition.NEXT_EXIT, later::set);

        assertEquals(0, now.get().statusCode());
        assertNull(later.get());
    }

    @Test
    void list_defaultsToRunning_allIncludesStopped_newestFirst() throws Exception {
        ContainerRecord a = m.create("aa", null, false);
        Thread.sleep(5);
        ContainerRecord b = m.startRunning(m.create("bb", null, false));
        Thread.sleep(5);
        ContainerRecord c = m.create("cc", null, false);

        ContainerQueries q = m.get(ContainerQueries.class);
        assertEquals(List.of(b.id()), q.list(false, 0, Map.of()).stream().map(ContainerRecord::id).toList());
        assertEquals(List.of(c.id(), b.id(), a.id()), q.list(true, 0, Map.of()).stream().map(ContainerRecord::id)
                .toList());
        assertEquals(List.of(c.id(), b.id()), q.list(false, 2, Map.of()).stream().map(ContainerRecord::id).toList());
        assertEquals(List.of(c.id(), a.id()), q.list(false, 0, Map.of("status", List.of("created"))).stream()
                .map(ContainerRecord::id).toList());
    }

    @Test
    void logs_tailAndStreams_fromJsonFileWithoutFollowReturnsAtOnce() throws Exception {
        ContainerRecord r = m.startRunning(m.create("web", null, false));
        m.conmonWrites(r.id(), "2026-11-29T09:09:56.1Z stdout F a\n2026-11-29T09:09:56.2Z stderr F b\n"
                + "2026-11-29T09:09:56.3Z stdout F c\n");
        m.get(ContainerExitHandler.class).onExit(r.id(), 0);
        PipeSink sink = new PipeSink();

        m.get(ContainerStreams.class).logs("web", new LogQuery(true, false, 0, 0, 2), false, sink);

        assertEquals(List.of("stdout:c\n", "end"), sink.events);
    }

    @Test
    void attach_exitedContainerWithStream_waitsForTheNextRunAndEndsWhenRemoved() {
        ContainerRecord r = m.startRunning(m.create("web", null, false));
        m.get(ContainerExitHandler.class).onExit(r.id(), 0);
        PipeSink sink = new PipeSink();

        m.get(ContainerStreams.class).attach("web", new AttachOptions(true, true, true, true, false), sink);
        assertEquals(List.of("attached"), sink.events);
        m.get(ContainerRemover.class).remove("web", false, false);

        awaitEnd(sink.events);
        assertEquals(List.of("attached", "end"), sink.events);
        verify(m.events).publish(eq("container"), eq("attach"), eq(r.id()), anyMap(), anyLong());
    }

    @Test
    void attach_exitedContainerWithoutStream_endsAfterTheReplay() throws Exception {
        ContainerRecord r = m.startRunning(m.create("web", null, false));
        m.conmonWrites(r.id(), "2026-11-29T09:09:56.1Z stdout F a\n");
        m.get(ContainerExitHandler.class).onExit(r.id(), 0);
        PipeSink sink = new PipeSink();

        m.get(ContainerStreams.class).attach("web", new AttachOptions(false, true, true, false, true), sink);

        assertEquals(List.of("attached", "stdout:a\n", "end"), sink.events);
    }

    /** Waits up to 2 s for a stream's "end" (delivered on the pump's own thread). */
    private static void awaitEnd(List<String> events) {
        for (int i = 0; i < 200 && !events.contains("end"); i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Records what an attach/logs client would see, in order. */
    static final class PipeSink implements OutputSink {
        final List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        @Override
        public void attached() {
            events.add("attached");
        }

        @Override
        public void onEntry(io.berth.engine.logs.LogEntry e) {
            events.add(e.stream().wireName() + ":" + new String(e.data(), java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public void onEnd() {
            events.add("end");
        }
    }
}
