package io.berth.common.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The client side of every internal gRPC call: sends the caller's request ID ({@link RequestIds#current}) as
 * the {@value RequestIds#HEADER} metadata header, gives a call without a deadline its default
 * ({@link CallDeadlines}), names the peer in an UNAVAILABLE or DEADLINE_EXCEEDED status
 * ({@code storage-service is not available: ...}, so an engine call failing on a down storage-service tells
 * the API client which service is down), and logs each finished call at DEBUG with the peer, status and duration in
 * milliseconds ({@code berthd -D}). An ID is read on the thread that starts the call, so a call made for a
 * request from another thread must run inside {@link RequestIds#enter} or a gRPC context carrying it.
 */
public final class OutgoingCallInterceptor implements ClientInterceptor {
    private static final Logger LOG = LogManager.getLogger(OutgoingCallInterceptor.class);

    /** The text between a service's name and the reason in an unavailable service's message. */
    public static final String NOT_AVAILABLE = " is not available: ";

    private final String peer;

    /** @param peer the called service, for log lines ("engine-service", "storage-service", ...) */
    public OutgoingCallInterceptor(String peer) {
        this.peer = peer;
    }

    /**
     * @param status a call's final status
     * @return an UNAVAILABLE or DEADLINE_EXCEEDED status that does not name a service yet with the peer
     *     named: "storage-service is not available: io exception"; other statuses unchanged
     */
    Status named(Status status) {
        Status.Code c = status.getCode();
        if (c != Status.Code.UNAVAILABLE && c != Status.Code.DEADLINE_EXCEEDED) {
            return status;
        }
        String d = status.getDescription() == null ? c.toString() : status.getDescription();
        return d.contains(NOT_AVAILABLE) ? status : status.withDescription(peer + NOT_AVAILABLE + d);
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        String id = RequestIds.current();
        CallOptions o = options;
        if (o.getDeadline() == null) {
            Duration d = CallDeadlines.of(method);
            if (d != null) {
                o = o.withDeadlineAfter(d.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        long started = System.nanoTime();
        String name = method.getFullMethodName();
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, o)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                if (id != null) {
                    headers.put(RequestIds.METADATA_KEY, id);
                }
                LOG.debug("grpc call {} to {} started", name, peer);
                super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        try (RequestIds.Scope s = RequestIds.enter(id)) {
                            LOG.debug("grpc call {} to {} -> {} in {} ms", name, peer, status.getCode(),
                                    (System.nanoTime() - started) / 1_000_000);
                        }
                        super.onClose(named(status), trailers);
                    }
                }, headers);
            }
        };
    }
}
