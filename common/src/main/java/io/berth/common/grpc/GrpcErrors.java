package io.berth.common.grpc;

import io.berth.common.errors.AlreadyExistsException;
import io.berth.common.errors.BerthException;
import io.berth.common.errors.ConflictException;
import io.berth.common.errors.ErrorCategory;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.common.errors.NotImplementedException;
import io.berth.common.errors.PermissionDeniedException;
import io.berth.common.errors.UnavailableException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.function.Supplier;

/**
 * Translates errors once per boundary (containerd's errgrpc): {@link #toStatus} on the server side,
 * {@link #toNative} on the client side, so callers see the same {@link BerthException} category whether
 * the callee is local or remote. The message travels as the status description, bounded ({@link #bounded}).
 */
public final class GrpcErrors {
    private GrpcErrors() {
    }

    /**
     * Maps any throwable to a gRPC status: a {@link BerthException} by its category, a
     * {@link StatusRuntimeException} as it is, anything else as INTERNAL with its message.
     *
     * @param t the error
     * @return the status to close the call with
     */
    public static Status toStatus(Throwable t) {
        if (t instanceof BerthException be) {
            return Status.fromCode(be.category().grpcCode()).withDescription(bounded(be.getMessage())).withCause(be);
        }
        if (t instanceof StatusRuntimeException sre) {
            Status s = sre.getStatus();
            return s.getDescription() == null ? s : s.withDescription(bounded(s.getDescription()));
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return Status.INTERNAL.withDescription(bounded(msg)).withCause(t);
    }

    /** The longest status description sent, in characters (it travels percent-encoded in a trailer). */
    public static final int MAX_DESCRIPTION = 2048;

    /**
     * An error message in the bounded form it crosses a service boundary in: messages of up to
     * {@link #MAX_DESCRIPTION} characters unchanged, longer ones (a 10 000-character name echoed in
     * "No such container: ...") cut in the middle with {@code ...(N characters left out)...}, so the gRPC
     * trailer stays under every peer's header limit and the client still gets the status, never an
     * "http2 exception".
     *
     * @param message the message (may be null)
     * @return the message, at most {@link #MAX_DESCRIPTION} characters plus the marker
     */
    public static String bounded(String message) {
        if (message == null || message.length() <= MAX_DESCRIPTION) {
            return message;
        }
        int head = MAX_DESCRIPTION * 3 / 4;
        int tail = MAX_DESCRIPTION - head;
        return message.substring(0, head) + "...(" + (message.length() - head - tail) + " characters left out)..."
                + message.substring(message.length() - tail);
    }

    /**
     * Maps a status received from a peer back to the exception of the same category.
     * UNAVAILABLE and DEADLINE_EXCEEDED become {@link UnavailableException}; CANCELLED becomes an
     * {@link InternalException}.
     *
     * @param e the client-side exception
     * @return the native exception (never null)
     */
    public static BerthException toNative(StatusRuntimeException e) {
        Status s = e.getStatus();
        String msg = s.getDescription() != null ? s.getDescription() : s.getCode().toString();
        if (s.getCode() == Status.Code.DEADLINE_EXCEEDED) {
            return new UnavailableException(msg, e);
        }
        ErrorCategory c = ErrorCategory.fromGrpc(s.getCode());
        return switch (c) {
            case NOT_FOUND -> new NotFoundException(msg, e);
            case INVALID_ARGUMENT -> new InvalidArgumentException(msg, e);
            case ALREADY_EXISTS -> new AlreadyExistsException(msg, e);
            case CONFLICT -> new ConflictException(msg, e);
            case PERMISSION_DENIED -> new PermissionDeniedException(msg, e);
            case UNAVAILABLE -> new UnavailableException(msg, e);
            case NOT_IMPLEMENTED -> new NotImplementedException(msg, e);
            case INTERNAL -> new InternalException(msg, e);
        };
    }

    /**
     * Runs a blocking stub call and translates a {@link StatusRuntimeException} with {@link #toNative}.
     *
     * @param call the call, e.g. {@code () -> stub.getImage(req)}
     * @param <T> the response type
     * @return the response
     * @throws BerthException of the peer's category
     */
    public static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            throw toNative(e);
        }
    }
}
