package io.berth.common.errors;

/** The object does not exist (HTTP 404). Category {@link ErrorCategory#NOT_FOUND}. */
public class NotFoundException extends BerthException {
    private static final long serialVersionUID = 1L;

    /** @param message the user-facing message */
    public NotFoundException(String message) {
        super(message, null);
    }

    /**
     * @param message the user-facing message
     * @param cause the underlying error
     */
    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCategory category() {
        return ErrorCategory.NOT_FOUND;
    }
}
