package io.berth.common.errors;

/** The object exists already, e.g. a container name in use (HTTP 409). Category {@link ErrorCategory#ALREADY_EXISTS}. */
public class AlreadyExistsException extends BerthException {
    private static final long serialVersionUID = 1L;

    /** @param message the user-facing message */
    public AlreadyExistsException(String message) {
        super(message, null);
    }

    /**
     * @param message the user-facing message
     * @param cause the underlying error
     */
    public AlreadyExistsException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCategory category() {
        return ErrorCategory.ALREADY_EXISTS;
    }
}
