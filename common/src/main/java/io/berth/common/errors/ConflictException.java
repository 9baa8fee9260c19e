package io.berth.common.errors;

/** The object is in the wrong state for the operation, e.g. not running or in use (HTTP 409). Category {@link ErrorCategory#CONFLICT}. */
public class ConflictException extends BerthException {
    private static final long serialVersionUID = 1L;

    /** @param message the user-facing message */
    public ConflictException(String message) {
        super(message, null);
    }

    /**
     * @param message the user-facing message
     * @param cause the underlying error
     */
    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCategory category() {
        return ErrorCategory.CONFLICT;
    }
}
