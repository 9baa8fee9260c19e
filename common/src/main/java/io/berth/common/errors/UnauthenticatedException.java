package io.berth.common.errors;

/** A registry refused the credentials, or asked for some (HTTP 401, dockerd's errdefs.Unauthorized). Category {@link ErrorCategory#UNAUTHENTICATED}. */
public class UnauthenticatedException extends BerthException {
    private static final long serialVersionUID = 1L;

    /** @param message the user-facing message */
    public UnauthenticatedException(String message) {
        super(message, null);
    }

    /**
     * @param message the user-facing message
     * @param cause the underlying error
     */
    public UnauthenticatedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCategory category() {
        return ErrorCategory.UNAUTHENTICATED;
    }
}
