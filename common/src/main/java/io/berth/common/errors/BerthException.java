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

    /**
     * @param category the category
     * @param message the user-facing message
     * @param cause the underlying error, or {@code null}
     * @return the exception of that category
     */
    public static BerthException of(ErrorCategory category, String message, Throwable cause) {
        return switch (category) {
            case NOT_FOUND -> new NotFoundException(message, cause);
            case INVALID_ARGUMENT -> new InvalidArgumentException(message, cause);
            case ALREADY_EXISTS -> new AlreadyExistsException(message, cause);
            case CONFLICT -> new ConflictException(message, cause);
            case PERMISSION_DENIED -> new PermissionDeniedException(message, cause);
            case UNAUTHENTICATED -> new UnauthenticatedException(message, cause);
            case UNAVAILABLE -> new UnavailableException(message, cause);
            case NOT_IMPLEMENTED -> new NotImplementedException(message, cause);
            case INTERNAL -> new InternalException(message, cause);
        };
    }

    /**
     * @param e an error
     * @param message a new message
     * @return an error of the same category with the new message and {@code e} as its cause
     */
    public static BerthException withMessage(BerthException e, String message) {
        return of(e.category(), message, e);
    }
}
