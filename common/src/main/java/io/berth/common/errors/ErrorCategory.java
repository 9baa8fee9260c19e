package io.berth.common.errors;

/**
 * The error categories berth uses, with the gRPC code and Docker HTTP status each travels as.
 * Conflict travels as FAILED_PRECONDITION (as in containerd's errgrpc) and is 409 in Docker's API,
 * like ALREADY_EXISTS.
 */
public enum ErrorCategory {
    /** The object does not exist. gRPC NOT_FOUND, HTTP 404. */
    NOT_FOUND(io.grpc.Status.Code.NOT_FOUND, 404),
    /** The request is malformed or invalid. gRPC INVALID_ARGUMENT, HTTP 400. */
    INVALID_ARGUMENT(io.grpc.Status.Code.INVALID_ARGUMENT, 400),
    /** The object exists already (e.g. a container name in use). gRPC ALREADY_EXISTS, HTTP 409. */
    ALREADY_EXISTS(io.grpc.Status.Code.ALREADY_EXISTS, 409),
    /** The object is in the wrong state (not running, in use). gRPC FAILED_PRECONDITION, HTTP 409. */
    CONFLICT(io.grpc.Status.Code.FAILED_PRECONDITION, 409),
    /**
     * The operation is refused on the object as it is configured, e.g. a write into a read-only container
     * root filesystem. gRPC PERMISSION_DENIED, HTTP 403.
     */
    PERMISSION_DENIED(io.grpc.Status.Code.PERMISSION_DENIED, 403),
    /** The caller's credentials were refused (a registry's 401; dockerd's errdefs.Unauthorized). */
    UNAUTHENTICATED(io.grpc.Status.Code.UNAUTHENTICATED, 401),
    /** A dependency (service, runtime) is not reachable. gRPC UNAVAILABLE, HTTP 503. */
    UNAVAILABLE(io.grpc.Status.Code.UNAVAILABLE, 503),
    /** Not implemented by berth yet. gRPC UNIMPLEMENTED, HTTP 501. */
    NOT_IMPLEMENTED(io.grpc.Status.Code.UNIMPLEMENTED, 501),
    /** Anything else: a bug or a failure of the system. gRPC INTERNAL, HTTP 500. */
    INTERNAL(io.grpc.Status.Code.INTERNAL, 500);

    private final io.grpc.Status.Code grpcCode;
    private final int httpStatus;

    ErrorCategory(io.grpc.Status.Code grpcCode, int httpStatus) {
        this.grpcCode = grpcCode;
        this.httpStatus = httpStatus;
    }

    /** @return the gRPC status code this category travels as */
    public io.grpc.Status.Code grpcCode() {
        return grpcCode;
    }

    /** @return the HTTP status dockerd answers for this category */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * Maps a gRPC status code back to a category (the inverse of {@link #grpcCode()}; OUT_OF_RANGE counts as
     * INVALID_ARGUMENT, anything unknown as INTERNAL).
     *
     * @param code a gRPC status code
     * @return the category
     */
    public static ErrorCategory fromGrpc(io.grpc.Status.Code code) {
        for (ErrorCategory c : values()) {
            if (c.grpcCode == code) {
                return c;
            }
        }
        return code == io.grpc.Status.Code.OUT_OF_RANGE ? INVALID_ARGUMENT : INTERNAL;
    }
}
