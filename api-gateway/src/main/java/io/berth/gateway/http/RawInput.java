package io.berth.gateway.http;

/**
 * Receives what the client sends on a hijacked connection. Called on the connection's event loop: must not
 * block.
 */
public interface RawInput {
    /**
     * @param bytes bytes from the client (the container's stdin)
     */
    void onData(byte[] bytes);

    /** The client half-closed its side (CloseWrite on stdin EOF): the container's stdin reached EOF. */
    void onInputClosed();
}
