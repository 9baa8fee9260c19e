package io.berth.gateway.http;

/**
 * A hijacked connection (Docker Engine API 1.41 {@code POST /containers/{id}/attach}): after the 101 (or 200)
 * headers the connection is a raw byte pipe. Writes block the calling worker thread while the connection is
 * not writable.
 */
public interface RawStream {
    /**
     * Writes and flushes raw bytes (stdcopy frames, or raw TTY output).
     *
     * @param bytes the bytes
     * @throws ClientGoneException if the client has closed the connection
     */
    void write(byte[] bytes);

    /** Flushes what was written and closes the connection (the client sees EOF). */
    void close();
}
