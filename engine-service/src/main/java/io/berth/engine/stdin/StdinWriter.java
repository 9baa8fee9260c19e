package io.berth.engine.stdin;

/**
 * An attach client's stdin as the engine receives it (Docker's {@code POST /containers/{id}/attach?stdin=1},
 * Engine API 1.41): bytes in order, then end of input or the client going away. Never blocks the caller.
 */
public interface StdinWriter {
    /** Drops everything: for containers without {@code OpenStdin} and for attaches without {@code stdin=1}. */
    StdinWriter DISCARD = new StdinWriter() {
        @Override
        public void write(byte[] data) {
        }

        @Override
        public void end() {
        }

        @Override
        public void close() {
        }
    };

    /**
     * Queues bytes for the container's stdin. Ignored after {@link #end()} or {@link #close()}.
     *
     * @param data the bytes; the array is not copied and must not be changed afterwards
     */
    void write(byte[] data);

    /** The client's stdin reached EOF (it half-closed): what was written is delivered, then this client's input ends. */
    void end();

    /**
     * The client went away: whatever is not delivered yet is dropped and its input ends, which closes the
     * stdin of a StdinOnce container (once it runs, if it has not started yet). Idempotent.
     */
    void close();
}
