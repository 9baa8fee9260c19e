package io.berth.common.errors;

/** A failure of the system or a bug (HTTP 500). Category {@link ErrorCategory#INTERNAL}. */
public class InternalException extends BerthException {
    private static final long serialVersionUID = 1L;

    /** @param message the user-facing message */
    public InternalException(String message) {
        super(message, null);
    }

    /**
     * @param message the user-facing message
     * @param cause the underlying error
     */
    public InternalException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCategory category() {
        return ErrorCategory.INTERNAL;
    }
}
