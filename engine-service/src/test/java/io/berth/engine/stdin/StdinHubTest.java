package io.berth.engine.stdin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.berth.engine.config.Bundle;
import io.berth.engine.runtime.ConmonAttachClient;
import io.berth.engine.runtime.StdinConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.InOrder;

/** Stdin buffering and ordering, with conmon's attach socket (the {@link ConmonAttachClient}) mocked. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StdinHubTest {
    private static final Bundle BUNDLE = new Bundle(Path.of("/run/berth/containers/c1"));

    private final ConmonAttachClient conmon = mock(ConmonAttachClient.class);
    private final StdinConnection conn = mock(StdinConnection.class);
    private final StdinHub hub = new StdinHub("c1".repeat(32));

    @BeforeEach
    void setUp() throws IOException {
        when(conmon.connect(BUNDLE)).thenReturn(conn);
    }

    private void connectRun() {
        hub.connect(() -> conmon.connect(BUNDLE));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void awaitSessions() throws Exception {
        for (CompletableFuture<Void> f : hub.pending()) {
            f.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void write_beforeRun_buffersThenDeliversInOrderAndClosesAtEnd() throws Exception {
        StdinWriter w = hub.open();
        w.write(b("hello\n"));
        w.write(b("world\n"));
        w.end();
        StdinSession s = (StdinSession) w;
        verify(conmon, never()).connect(any());

        connectRun();
        s.finished().get(10, TimeUnit.SECONDS);

        InOrder order = inOrder(conmon, conn);
        order.verify(conmon).connect(BUNDLE);
        order.verify(conn).write(b("hello\n"));
        order.verify(conn).write(b("world\n"));
        order.verify(conn).close();
        assertTrue(hub.pending().isEmpty());
    }

    @Test
    void open_whileRunning_deliversAtOnceAndKeepsTheConnectionUntilEnd() throws Exception {
        CountDownLatch firstWritten = new CountDownLatch(1);
        doAnswer(inv -> {
            firstWritten.countDown();
            return null;
        }).when(conn).write(b("a"));
        connectRun();

        StdinWriter w = hub.open();
        w.write(b("a"));
        firstWritten.await();
        verify(conn, never()).close();
        w.write(b("b"));
        w.end();
        w.write(b("after-eof"));
        ((StdinSession) w).finished().get(10, TimeUnit.SECONDS);

        InOrder order = inOrder(conn);
        order.verify(conn).write(b("a"));
        order.verify(conn).write(b("b"));
        order.verify(conn).close();
        verify(conn, never()).write(b("after-eof"));
    }

    @Test
    void close_beforeRun_dropsInputAndConnectsOnlyToEndTheStdin() throws Exception {
        StdinWriter w = hub.open();
        w.write(b("lost\n"));
        w.close();
        verify(conmon, never()).connect(any());

        connectRun();
        awaitSessions();

        InOrder order = inOrder(conmon, conn);
        order.verify(conmon).connect(BUNDLE);
        order.verify(conn).close();
        verify(conn, never()).write(any());
    }

    @Test
    void disconnect_beforeRun_discardsSessionsWithoutConnecting() throws Exception {
        StdinWriter ended = hub.open();
        ended.write(b("x"));
        ended.end();
        StdinWriter gone = hub.open();
        gone.close();

        hub.disconnect();
        connectRun();

        assertTrue(((StdinSession) ended).finished().isDone());
        assertTrue(((StdinSession) gone).finished().isDone());
        assertTrue(hub.pending().isEmpty());
        verify(conmon, never()).connect(any());
    }

    @Test
    void disconnect_sessionBlockedInAWrite_endsItsInputAndFinishesWhenTheWriteFails() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        doAnswer(inv -> {
            writing.countDown();
            closed.await(); // a full pipe: the write fails only once the input ended and conmon went
            throw new IOException("closed");
        }).when(conn).write(any());
        doAnswer(inv -> {
            closed.countDown();
            return null;
        }).when(conn).close();
        StdinWriter w = hub.open();
        w.write(b("x".repeat(100)));
        connectRun();
        writing.await();

        hub.disconnect();

        ((StdinSession) w).finished().get(10, TimeUnit.SECONDS);
        assertTrue(hub.pending().isEmpty());
    }

    @Test
    void disconnect_thenOpen_waitsForTheNextRun() throws Exception {
        connectRun();
        hub.disconnect();

        StdinWriter w = hub.open();
        w.write(b("next\n"));
        w.end();
        verify(conmon, never()).connect(any());
        StdinConnection next = mock(StdinConnection.class);
        hub.connect(() -> next);
        awaitSessions();

        InOrder order = inOrder(next);
        order.verify(next).write(b("next\n"));
        order.verify(next).close();
    }

    @Test
    void connect_runStdinUnreachable_dropsInputAndEndsTheSession() throws Exception {
        when(conmon.connect(BUNDLE)).thenThrow(new IOException("no such socket"));
        StdinWriter w = hub.open();
        w.write(b("x"));

        connectRun();

        ((StdinSession) w).finished().get(10, TimeUnit.SECONDS);
        assertTrue(hub.pending().isEmpty());
        verify(conn, never()).write(any());
    }

    @Test
    void open_twoClients_eachGetsItsOwnConnection() throws Exception {
        StdinConnection second = mock(StdinConnection.class);
        when(conmon.connect(BUNDLE)).thenReturn(conn, second);
        StdinWriter w1 = hub.open();
        StdinWriter w2 = hub.open();
        w1.write(b("one"));
        w2.write(b("two"));
        w1.end();
        w2.end();

        connectRun();
        awaitSessions();

        for (StdinConnection c : List.of(conn, second)) {
            verify(c).close();
        }
        // which session got which connection depends on thread order; each wrote to exactly one
        boolean oneOnFirst = mockingDetailsWrites(conn).equals(List.of("one"));
        assertEquals(oneOnFirst ? List.of("two") : List.of("one"), mockingDetailsWrites(second));
        assertEquals(oneOnFirst ? List.of("one") : List.of("two"), mockingDetailsWrites(conn));
    }

    private static List<String> mockingDetailsWrites(StdinConnection c) {
        return org.mockito.Mockito.mockingDetails(c).getInvocations().stream()
                .filter(i -> i.getMethod().getName().equals("write"))
                .map(i -> new String((byte[]) i.getArgument(0), StandardCharsets.UTF_8)).toList();
    }
}
