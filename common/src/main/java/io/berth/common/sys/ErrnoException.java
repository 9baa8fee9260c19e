package io.berth.common.sys;

import java.io.IOException;

/** A failed system call with its errno, e.g. {@code "openat2 etc/x: errno 2"}; callers branch on {@link #errno()}. */
public final class ErrnoException extends IOException {
    private static final long serialVersionUID = 1L;
    /** ENOENT. */
    public static final int ENOENT = 2;
    /** EEXIST. */
    public static final int EEXIST = 17;
    /** ENOTDIR. */
    public static final int ENOTDIR = 20;
    /** EISDIR. */
    public static final int EISDIR = 21;
    /** EROFS. */
    public static final int EROFS = 30;
    /** ELOOP. */
    public static final int ELOOP = 40;

    private final int errno;

    /**
     * @param call the call and its argument, e.g. "openat2 etc/x"
     * @param errno the errno
     * @param cause the JNA error
     */
    public ErrnoException(String call, int errno, Throwable cause) {
        super(call + ": errno " + errno, cause);
        this.errno = errno;
    }

    /** @return the errno */
    public int errno() {
        return errno;
    }
}
