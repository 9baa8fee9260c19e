package io.berth.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.berth.engine.TestConfigs;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.io.ContainerIo;
import io.berth.engine.runtime.StdinConnection;
import io.berth.engine.runtime.StdinMode;
import io.berth.engine.stdin.StdinWriter;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.HostConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;

/** Attach stdin through the engine's services, with conmon (launcher and attach socket) mocked. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ContainerStdinTest {
    @TempDir
    Path tmp;

    private MockedEngineAccess m;
    private final StdinConnection conn = mock(StdinConnection.class);

    @BeforeEach
    void setUp() throws Exception {
        m = new MockedEngineAccess(tmp);
        when(m.attachSockets.connect(any())).thenReturn(conn);
    }

    @AfterEach
    void tearDown() {
        m.close();
    }

    private ContainerRecord create(boolean openStdin, boolean stdinOnce, boolean tty) {
        ContainerConfig cfg = TestConfigs.config("", "", "", openStdin, true, true, tty, openStdin, stdinOnce,
                List.of(), List.of("cat"), MockedEngineAccess.IMAGE, "", null, Map.of(), "", null, List.of(),
                List.of(), false);
        return m.get(ContainerCreator.class).create(new CreateRequest("", cfg, ContainerRecord.DEFAULT_HOST_CONFIG));
    }

    private void awaitSessions(String id) throws Exception {
        var stdin = m.get(ContainerIo.class).stdin(m.get(ContainerStore.class).get(id));
        for (CompletableFuture<Void> f : stdin.pending()) {
            f.get(10, TimeUnit.SECONDS);
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void open_runDashI_stdinSentBeforeStartIsDeliveredAfterLaunchThenClosed() throws Exception {
        ContainerRecord r = create(true, true, false);
        StdinWriter w = m.get(ContainerStdin.class).open(r.id());
        w.write(b("hello\n"));
        w.write(b("world\n"));
        w.end();
        verify(m.attachSockets, never()).connect(any());

        m.startRunning(r);
        awaitSessions(r.id());

        InOrder order = inOrder(m.conmon, m.runc, m.attachSockets, conn);
        order.verify(m.conmon).launch(eq(r.id()), anyString(), eq(m.config.bundle(r.id())), eq(StdinMode.ONCE), eq(false), any());
        order.verify(m.runc).start(r.id());
        order.verify(m.attachSockets).connect(m.config.bundle(r.id()));
        order.verify(conn).write(b("hello\n"));
        order.verify(conn).write(b("world\n"));
        order.verify(conn).close();
    }

    @Test
    void open_noOpenStdin_discardsAndLaunchesWithoutStdin() throws Exception {
        ContainerRecord r = create(false, false, false);

        StdinWriter w = m.get(ContainerStdin.class).open(r.id());
        w.write(b("dropped"));
        w.end();
        m.startRunning(r);

        assertSame(StdinWriter.DISCARD, w);
        verify(m.conmon).launch(eq(r.id()), anyString(), any(), eq(StdinMode.CLOSED), eq(false), any());
        verify(m.attachSockets, never()).connect(any());
    }

    @Test
    void open_runningWithoutStdinOnce_deliversAtOnceToAStdinLeftOpen() throws Exception {
        ContainerRecord r = m.startRunning(create(true, false, false));
        verify(m.conmon).launch(eq(r.id()), anyString(), any(), eq(StdinMode.OPEN), eq(false), any());

        StdinWriter w = m.get(ContainerStdin.class).open(r.id());
        w.write(b("typed\n"));
        w.end();
        awaitSessions(r.id());

        InOrder order = inOrder(conn);
        order.verify(conn).write(b("typed\n"));
        order.verify(conn).close();
    }

    @Test
    void exit_sessionStillOpen_isClosedAndLaterAttachesDiscard() throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        doAnswer(inv -> {
            written.countDown();
            return null;
        }).when(conn).write(any());
        ContainerRecord r = m.startRunning(create(true, true, false));
        StdinWriter w = m.get(ContainerStdin.class).open(r.id());
        w.write(b("x"));
        written.await();

        m.get(ContainerExitHandler.class).onExit(r.id(), 0);
        awaitSessions(r.id());

        verify(conn, atLeastOnce()).close();
        assertTrue(m.get(ContainerIo.class).stdin(m.get(ContainerStore.class).get(r.id())).pending().isEmpty());
        assertSame(StdinWriter.DISCARD, m.get(ContainerStdin.class).open(r.id()));
    }

    @Test
    void start_ttyStdinOnce_launchesATerminalWhoseStdinClientsNeverClose() throws Exception {
        ContainerRecord r = m.startRunning(create(true, true, true));

        verify(m.conmon).launch(eq(r.id()), anyString(), eq(m.config.bundle(r.id())), eq(StdinMode.OPEN), eq(true), any());
        com.fasterxml.jackson.databind.JsonNode process = io.berth.common.json.Json.MAPPER.readTree(
                Files.readString(m.config.bundle(r.id()).configJson())).path("process");
        assertTrue(process.path("terminal").asBoolean(false), process.toString());
        assertTrue(process.path("env").toString().contains("\"TERM=xterm\""), process.toString());
    }
}
