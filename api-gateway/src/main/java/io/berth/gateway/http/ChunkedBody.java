package io.berth.gateway.http;

/**
 * The body of a response sent with {@code Transfer-Encoding: chunked} (Docker's streaming endpoints: logs,
 * events, wait, load). Each {@link #write} is one chunk, flushed at once. Writes block the calling worker
 * thread while the connection is not writable, so a slow client slows the stream instead of filling memory.
 */
public interface ChunkedBody {
    /**
     * Sends one chunk and flushes it.
     *
     * @param bytes the chunk's content (not empty)
     * @throws ClientGoneException if the client has closed the connection
     */
    void write(byte[] bytes);

    /** Sends the terminating zero-length chunk; later calls do nothing. */
    void end();
}
