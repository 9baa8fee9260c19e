package io.berth.common.errors;

/**
 * Base of every error berth raises on purpose. Each subclass is one category, classified by meaning
 * (after moby's errdefs and containerd's sentinels), never by message text. The category decides the
 * gRPC status ({@link io.berth.common.grpc.GrpcErrors}) and, in the gateway, the HTTP status.
 *
 * <p>Messages are written for the user and match dockerd's text where clients parse it
 * (for example {@code "No such container: web"}).
 */
public abstract class BerthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the user-facing message
     * @param cause the underlying error, or {@code null}
     */
    protected BerthException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @return the category of this error */
    public abstract ErrorCategory category();
}
