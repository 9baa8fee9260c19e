package io.berth.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.berth.common.errors.ConflictException;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.engine.TestConfigs;
import io.berth.engine.client.ContainerEvents;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerState;
import io.berth.engine.container.ContainerStore;
import io.berth.proto.engine.v1.ContainerConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ExecService's create/accept/inspect rules, with the launcher and the event publisher mocked. */
class ExecServiceTest {
    private static final String ID = "ab".repeat(32);

    private final ContainerStore containers = new ContainerStore();
    private final ExecStore execs = new ExecStore();
    private final ExecLauncher launcher = mock(ExecLauncher.class);
    private final ContainerEvents events = mock(ContainerEvents.class);
    private final ExecService service = new ExecService(containers, execs, launcher, events,
            new EngineConfig(Path.of("/data"), Path.of("/exec"), "/berth", Path.of("/usr/sbin/runc"),
                    Path.of("/usr/bin/conmon")));

    @AfterEach
    void close() {
        execs.close();
    }

    private Container add(boolean running) {
        ContainerConfig c = TestConfigs.config("host1", "", "app", false, true, true, false, false, false,
                List.of("A=1"), List.of("sleep"), "img", "/srv", List.of(), Map.of(), "", null, List.of(),
                List.of(), false);
        ContainerState s = running ? ContainerState.created().running(42, 43, Instant.EPOCH) : ContainerState.created();
        ContainerRecord r = new ContainerRecord(ID, "/web", Instant.EPOCH, "sleep", List.of(), c,
                ContainerRecord.DEFAULT_HOST_CONFIG, s, "sha256:x", "vfs", null, null, "/l", "/h", "/hs", "/r", 0, "linux", List.of());
        containers.reserveName("/web", ID);
        Container ctr = new Container(r);
        containers.add(ctr);
        return ctr;
    }

    private static ExecCreateRequest req(List<String> cmd, String user, String dir, String keys) {
        return new ExecCreateRequest(cmd, List.of("B=2"), user, dir, false, false, false, true, true, keys);
    }

    @Test
    void create_defaultsUserAndWorkdirFromTheContainer_mergesEnv_andPublishesExecCreate() {
        add(true);
        ExecRecord r = service.create("web", req(List.of("sh", "-c", "id"), "", "", ""));
        assertEquals("app", r.config().user());
        assertEquals("/srv", r.config().workingDir());
        assertEquals(List.of(ExecEnv.DEFAULT_PATH, "HOSTNAME=host1", "A=1", "B=2"), r.config().env());
        assertEquals("sh", r.config().entrypoint());
        assertEquals(List.of("-c", "id"), r.config().arguments());
        verify(events).publish(any(), eq("exec_create: sh -c id"), eq(Map.of("execID", r.id())));
        assertEquals(r, service.inspect(r.id()));
    }

    @Test
    void create_inAStoppedContainer_isDockersConflict() {
        add(false);
        ConflictException e = assertThrows(ConflictException.class,
                () -> service.create("web", req(List.of("true"), "", "", "")));
        assertEquals("Container " + ID + " is not running", e.getMessage());
        verifyNoInteractions(events);
    }

    @Test
    void create_errors_asDockerdWordsThem() {
        add(true);
        assertEquals("No exec command specified", assertThrows(InvalidArgumentException.class,
                () -> service.create("web", req(List.of(), "", "", ""))).getMessage());
        assertEquals("No such container: nosuch", assertThrows(NotFoundException.class,
                () -> service.create("nosuch", req(List.of("true"), "", "", ""))).getMessage());
        assertEquals("Invalid escape keys (ctrl-1) provided", assertThrows(InternalException.class,
                () -> service.create("web", req(List.of("true"), "", "", "ctrl-1"))).getMessage());
    }

    @Test
    void accept_unknownExec_is404() {
        assertEquals("No such exec instance: x", assertThrows(NotFoundException.class,
                () -> service.accept("x")).getMessage());
    }

    @Test
    void prepare_afterTheContainerExited_isDockersConflict_notTheUserLookupsError() {
        Container c = add(true);
        ExecRecord r = service.create("web", req(List.of("id"), "nobody", "", ""));
        service.accept(r.id());
        exit(c);
        ConflictException e = assertThrows(ConflictException.class, () -> service.prepare(r));
        assertEquals("Container " + ID + " is not running", e.getMessage());
        assertEquals(126, r.exitCode().getAsInt());
        verifyNoInteractions(launcher);
    }

    @Test
    void prepare_waitsForTheContainersLock_whichTheExitHandlerHoldsWhileUnmounting() throws Exception {
        Container c = add(true);
        ExecRecord r = service.create("web", req(List.of("id"), "nobody", "", ""));
        c.lock().lock();
        Thread t;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            t = new Thread(() -> {
                try {
                    service.prepare(r);
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            t.start();
            Thread.sleep(100);
            assertEquals(Thread.State.WAITING, t.getState());
            c.update(x -> x.withState(x.state().exited(0, Instant.EPOCH)));
        } finally {
            c.lock().unlock();
        }
        t.join(5_000);
        assertEquals(ConflictException.class, failure.get().getClass());
    }

    @Test
    void launch_failingBecauseTheContainerExitedMeanwhile_isDockersConflict() {
        Container c = add(true);
        ExecRecord r = service.create("web", req(List.of("true"), "", "", ""));
        when(launcher.launch(any())).thenAnswer(inv -> {
            exit(c);
            throw new ExecStartException("runc exec failed: cannot exec in a stopped container");
        });
        ConflictException e = assertThrows(ConflictException.class, () -> service.launch(r, false));
        assertEquals("Container " + ID + " is not running", e.getMessage());
        assertEquals(126, r.exitCode().getAsInt());
    }

    @Test
    void launch_failingInARunningContainer_keepsTheRuntimesError() {
        add(true);
        ExecRecord r = service.create("web", req(List.of("nosuch"), "", "", ""));
        when(launcher.launch(any())).thenThrow(new ExecStartException("exec: \"nosuch\": not found"));
        assertEquals("exec: \"nosuch\": not found", assertThrows(ExecStartException.class,
                () -> service.launch(r, false)).getMessage());
        assertEquals(126, r.exitCode().getAsInt());
    }

    private static void exit(Container c) {
        c.lock().lock();
        try {
            c.update(x -> x.withState(x.state().exited(0, Instant.EPOCH)));
        } finally {
            c.lock().unlock();
        }
    }
}
