package io.berth.common.grpc;

import io.grpc.Context;
import io.grpc.Metadata;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.logging.log4j.ThreadContext;

/**
 * The request ID that follows one Docker API request through every berth process: the gateway makes one per
 * HTTP request ({@link #newId}), it travels as the gRPC metadata header {@value #HEADER} on every call made
 * for that request ({@link OutgoingCallInterceptor}), and each service keeps it in the gRPC {@link Context}
 * ({@link #CONTEXT_KEY}) and in Log4j2's {@link ThreadContext} under {@value #THREAD_CONTEXT_KEY} while it
 * handles the call ({@link IncomingCallInterceptor}), so {@code grep <id>} over the services' logs follows
 * the request. dockerd has no such ID; it is berth's own.
 */
public final class RequestIds {
    /** The gRPC metadata header carrying the ID. */
    public static final String HEADER = "berth-request-id";
    /** {@link #HEADER} as a metadata key. */
    public static final Metadata.Key<String> METADATA_KEY = Metadata.Key.of(HEADER, Metadata.ASCII_STRING_MARSHALLER);
    /** The ID in the gRPC context of a call being handled (and of calls made from it). */
    public static final Context.Key<String> CONTEXT_KEY = Context.key(HEADER);
    /** The Log4j2 ThreadContext (MDC) key; log patterns print it as {@code %X{requestId}}. */
    public static final String THREAD_CONTEXT_KEY = "requestId";
    /** The longest ID accepted from a peer, in characters. */
    static final int MAX_LENGTH = 64;

    private RequestIds() {
    }

    /** @return a new ID: 12 random lowercase hex digits (48 bits) */
    public static String newId() {
        return String.format("%012x", ThreadLocalRandom.current().nextLong() & 0xffff_ffff_ffffL);
    }

    /**
     * @return the ID of the request this thread works for: the gRPC context's, else the ThreadContext's, else
     *     null
     */
    public static String current() {
        String id = CONTEXT_KEY.get();
        return id != null ? id : ThreadContext.get(THREAD_CONTEXT_KEY);
    }

    /**
     * An ID received from a peer, checked: 1 to {@value #MAX_LENGTH} characters of {@code [0-9A-Za-z_-]}
     * (it is written into log lines, so nothing that could forge or break a line).
     *
     * @param id the received value (may be null)
     * @return the ID, or null if absent or malformed
     */
    public static String checked(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return null;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_')) {
                return null;
            }
        }
        return id;
    }

    /**
     * Puts {@code id} into this thread's ThreadContext until the returned scope is closed, which restores
     * the previous value. A null ID leaves the ThreadContext as it is.
     *
     * @param id the request ID (may be null)
     * @return the scope to close (try-with-resources)
     */
    public static Scope enter(String id) {
        if (id == null) {
            return () -> { };
        }
        String previous = ThreadContext.get(THREAD_CONTEXT_KEY);
        ThreadContext.put(THREAD_CONTEXT_KEY, id);
        return () -> {
            if (previous == null) {
                ThreadContext.remove(THREAD_CONTEXT_KEY);
            } else {
                ThreadContext.put(THREAD_CONTEXT_KEY, previous);
            }
        };
    }

    /** A ThreadContext entry that is undone on close; never throws. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
