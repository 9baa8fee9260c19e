package io.berth.storage.diff;

import io.berth.common.errors.InvalidArgumentException;
import java.io.EOFException;

/**
 * The one wording of a client's tar that cannot be read (a layer of a load, an import's tar): a truncated tar is
 * "{@code <what> is truncated: unexpected EOF}" (Go's {@code io.ErrUnexpectedEOF}, what dockerd's tar reader reports),
 * anything else "{@code <what> is not a valid tar: <reason>}". commons-compress throws an {@link EOFException}
 * without a message for a tar cut inside an entry, which used to reach the API client as "... truncated: null" (found
 * by the fuzz IT), and the JDK's and commons-compress's gzip readers do the same for a gzip stream cut in its header.
 */
public final class TarReadErrors {
    private TarReadErrors() {
    }

    /**
     * @param what what was read, e.g. "the imported tar" or "layer"
     * @param e the reader's failure (an IOException or commons-compress's IllegalArgumentException)
     * @return the 400 for the API client
     */
    public static InvalidArgumentException malformed(String what, Exception e) {
        boolean eof = e instanceof EOFException;
        String reason = e.getMessage();
        if (reason == null || reason.isBlank()) {
            reason = eof ? "unexpected EOF" : "invalid tar header";
        }
        return new InvalidArgumentException(what + (eof ? " is truncated: " : " is not a valid tar: ") + reason, e);
    }
}
