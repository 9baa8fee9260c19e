package io.berth.common.errors;

/**
 * The operation is refused on the object as configured, e.g. writing into a container whose root filesystem
 * is read-only (HTTP 403). Category {@link ErrorCategory#PERMISSION_DENIED}.
 */
public class PermissionDeniedException extends BerthException {
    private static final long serialVersionUID = 1L;

    /** @param message the user-facing message */
    public PermissionDeniedException(String message) {
        super(message, null);
    }

    /**
     * @param message the user-facing message
     * @param cause the underlying error
     */
    public PermissionDeniedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCategory category() {
        return ErrorCategory.PERMISSION_DENIED;
    }
}
