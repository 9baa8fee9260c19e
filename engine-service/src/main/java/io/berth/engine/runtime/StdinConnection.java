package io.berth.engine.runtime;

import java.io.IOException;

/**
 * One client connection to a running container's stdin (conmon's attach socket, see
 * {@link ConmonAttachClient}). Closing it is "this client's stdin reached EOF": for a
 * {@link StdinMode#ONCE} container conmon then closes the process's stdin; for {@link StdinMode#OPEN} the
 * stdin stays open for the next client. The connection's resources are released when conmon ends it (the
 * container exits).
 */
public interface StdinConnection extends AutoCloseable {
    /**
     * Writes bytes to the container's stdin, in order. Blocks while the process does not read (the pipe
     * and the socket are full), until it reads or exits.
     *
     * @param data the bytes (any length; empty writes nothing)
     * @throws IOException if the connection is closed or conmon is gone
     */
    void write(byte[] data) throws IOException;

    /** Ends this client's input (idempotent, never blocks, never throws). */
    @Override
    void close();
}
