package io.berth.engine.io;

import io.berth.engine.container.Container;
import io.berth.engine.logs.LogHub;
import io.berth.engine.stdin.StdinHub;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The live input and output of each container the engine holds: the hub of its output subscribers
 * ({@link LogHub}: attach and {@code logs --follow} clients) and its attach clients' stdin ({@link StdinHub}).
 * They live here, not in {@link Container}, so that the container package stays pure records and the store.
 *
 * <p>The hubs of one {@link Container} object are created on first use and live exactly as long as that
 * object (a weak map keyed by its identity): a caller holding a removed container still finds its hub
 * closed for good, as before, and nothing has to be forgotten explicitly when a container is removed.
 */
@Singleton
public final class ContainerIo {
    private final Map<Container, Hubs> hubs = new WeakHashMap<>();

    private record Hubs(LogHub output, StdinHub stdin) {
    }

    /**
     * @param c the container
     * @return the hub of its live output subscribers
     */
    public LogHub output(Container c) {
        return hubs(c).output();
    }

    /**
     * @param c the container
     * @return its attach clients' stdin and where the current run's stdin is
     */
    public StdinHub stdin(Container c) {
        return hubs(c).stdin();
    }

    private synchronized Hubs hubs(Container c) {
        return hubs.computeIfAbsent(c, k -> new Hubs(new LogHub(), new StdinHub(k.id())));
    }
}
