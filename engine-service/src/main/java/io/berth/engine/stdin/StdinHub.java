package io.berth.engine.stdin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The stdin side of one container (Docker's attach with {@code stdin=1}, Engine API 1.41): the attach
 * clients' sessions and where the current run's stdin is. Sessions opened before the run exists buffer
 * their input and deliver it once {@link #connect(StdinTarget)} is called (at start, or when the engine
 * re-attaches to a running container after a restart); sessions opened while it runs deliver at once.
 * {@link #disconnect()} ends the run's sessions. Thread-safe.
 */
public final class StdinHub {
    private final String containerId;
    private final Set<StdinSession> sessions = new HashSet<>();
    private StdinTarget target;

    /** @param containerId the container ID */
    public StdinHub(String containerId) {
        this.containerId = containerId;
    }

    /**
     * Opens the stdin of a new attach client. The caller closes it when the client goes away.
     *
     * @return the client's stdin
     */
    public StdinWriter open() {
        StdinSession s = new StdinSession(containerId, this::remove);
        synchronized (this) {
            sessions.add(s);
            if (target != null) {
                s.start(target);
            }
        }
        return s;
    }

    /**
     * The current run's stdin can be reached: every waiting session starts delivering to it.
     *
     * @param runStdin the run's stdin
     */
    public synchronized void connect(StdinTarget runStdin) {
        target = runStdin;
        for (StdinSession s : sessions) {
            s.start(runStdin);
        }
    }

    /**
     * The run ended (or failed to start): every session is closed, undelivered input is dropped, and
     * sessions opened from now on wait for the next run.
     */
    public void disconnect() {
        List<StdinSession> open;
        synchronized (this) {
            target = null;
            open = new ArrayList<>(sessions);
        }
        open.forEach(StdinSession::discard);
    }

    /** @return futures completed when each current session is over */
    public synchronized List<CompletableFuture<Void>> pending() {
        return sessions.stream().map(StdinSession::finished).toList();
    }

    private synchronized void remove(StdinSession s) {
        sessions.remove(s);
    }
}
