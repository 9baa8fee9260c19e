package io.berth.common.errors;

/** The request is malformed or invalid (HTTP 400). Category {@link ErrorCategory#INVALID_ARGUMENT}. */
public class InvalidArgumentException extends BerthException {
    private static final long serialVersionUID = 1L;

    /** @param message the user-facing message */
    public InvalidArgumentException(String message) {
        super(message, null);
    }

    /**
     * @param message the user-facing message
     * @param cause the underlying error
     */
    public InvalidArgumentException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCategory category() {
        return ErrorCategory.INVALID_ARGUMENT;
    }
}
