package io.berth.engine.runtime;

import io.berth.proto.engine.v1.ContainerConfig;
import java.util.List;

/**
 * What a container's stdin is (Docker's {@code OpenStdin} and {@code StdinOnce}, Engine API 1.41
 * ContainerConfig) and the conmon 2.x flags that give it.
 */
public enum StdinMode {
    /** No stdin ({@code OpenStdin: false}): the process reads /dev/null; stdin from attach clients is dropped. */
    CLOSED(List.of()),
    /**
     * {@code OpenStdin} and {@code StdinOnce} ({@code docker run -i}): conmon keeps a pipe to the process's
     * stdin ({@code -i}) and closes it when an attach client's connection to its attach socket closes.
     */
    ONCE(List.of("-i")),
    /**
     * {@code OpenStdin} without {@code StdinOnce} ({@code docker run -i -d}, {@code docker create -i}): as
     * {@link #ONCE} but the stdin stays open when attach clients go ({@code --leave-stdin-open}).
     */
    OPEN(List.of("-i", "--leave-stdin-open"));

    private final List<String> conmonFlags;

    StdinMode(List<String> conmonFlags) {
        this.conmonFlags = conmonFlags;
    }

    /**
     * A TTY container's stdin is never closed by a client's EOF, {@code StdinOnce} or not: dockerd 20.10 closes
     * a container's stdin at the end of an attach only for {@code StdinOnce} without {@code Tty} (moby
     * container/stream/attach.go); with a TTY the attach ends instead and the process keeps its terminal.
     * conmon closing a terminal's stdin would also leave it without input for the next {@code docker attach}.
     *
     * @param config a container's (merged) config
     * @return its stdin mode
     */
    public static StdinMode of(ContainerConfig config) {
        if (!config.getOpenStdin()) {
            return CLOSED;
        }
        return config.getStdinOnce() && !config.getTty() ? ONCE : OPEN;
    }

    /** @return true if the container has a stdin attach clients can write to */
    public boolean isOpen() {
        return this != CLOSED;
    }

    /** @return conmon's command-line flags for this mode (none, {@code -i}, or {@code -i --leave-stdin-open}) */
    public List<String> conmonFlags() {
        return conmonFlags;
    }
}
