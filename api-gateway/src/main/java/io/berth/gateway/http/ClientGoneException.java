package io.berth.gateway.http;

/**
 * The client closed the connection while a handler was still answering. Unchecked so that it unwinds a
 * handler; the dispatcher logs it at debug level only.
 */
public final class ClientGoneException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param cause the failed write or read, or null */
    public ClientGoneException(Throwable cause) {
        super("client closed the connection", cause);
    }
}
