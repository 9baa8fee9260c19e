package io.berth.common.errors;

/** A service or runtime berth depends on is not reachable (HTTP 503). Category {@link ErrorCategory#UNAVAILABLE}. */
public class UnavailableException extends BerthException {
    private static final long serialVersionUID = 1L;

    /** @param message the user-facing message */
    public UnavailableException(String message) {
        super(message, null);
    }

    /**
     * @param message the user-facing message
     * @param cause the underlying error
     */
    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCategory category() {
        return ErrorCategory.UNAVAILABLE;
    }
}
