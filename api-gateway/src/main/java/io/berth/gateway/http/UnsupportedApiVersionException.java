package io.berth.gateway.http;

import io.berth.common.errors.BerthException;
import io.berth.common.errors.ErrorCategory;

/**
 * A request's {@code /vX.Y} prefix names an API version outside 1.12..1.41 (HTTP 400). dockerd answers a
 * too-new version with a JSON error and a too-old one with plain text; {@link ErrorResponses} does the same
 * by looking at {@link #tooOld()}.
 */
public final class UnsupportedApiVersionException extends BerthException {
    private static final long serialVersionUID = 1L;

    private final boolean tooOld;

    /**
     * @param message dockerd's message text
     * @param tooOld true if the version is older than the minimum
     */
    public UnsupportedApiVersionException(String message, boolean tooOld) {
        super(message, null);
        this.tooOld = tooOld;
    }

    /** @return true if the version is older than {@link ResponseHeaders#MIN_API_VERSION} */
    public boolean tooOld() {
        return tooOld;
    }

    @Override
    public ErrorCategory category() {
        return ErrorCategory.INVALID_ARGUMENT;
    }
}
