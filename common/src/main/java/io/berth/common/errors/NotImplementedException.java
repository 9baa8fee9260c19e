package io.berth.common.errors;

/** berth does not implement this yet (HTTP 501). Category {@link ErrorCategory#NOT_IMPLEMENTED}. */
public class NotImplementedException extends BerthException {
    private static final long serialVersionUID = 1L;

    /** @param message the user-facing message */
    public NotImplementedException(String message) {
        super(message, null);
    }

    /**
     * @param message the user-facing message
     * @param cause the underlying error
     */
    public NotImplementedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCategory category() {
        return ErrorCategory.NOT_IMPLEMENTED;
    }
}
