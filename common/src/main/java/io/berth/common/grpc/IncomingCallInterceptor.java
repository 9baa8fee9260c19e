package io.berth.common.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The server side of every internal gRPC call: takes the caller's request ID from the
 * {@value RequestIds#HEADER} header (checked, {@link RequestIds#checked}), keeps it in the call's gRPC
 * {@link Context} (so calls this service makes from the handler forward it) and in Log4j2's ThreadContext
 * during every listener callback (gRPC runs a call's callbacks on whichever executor thread is free, so the
 * ThreadContext is set and restored around each one, never once per call), and logs each finished call at
 * DEBUG with its status and duration in milliseconds.
 */
public final class IncomingCallInterceptor implements ServerInterceptor {
    private static final Logger LOG = LogManager.getLogger(IncomingCallInterceptor.class);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String id = RequestIds.checked(headers.get(RequestIds.METADATA_KEY));
        String name = call.getMethodDescriptor().getFullMethodName();
        long started = System.nanoTime();
        ServerCall<Q, R> timed = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                try (RequestIds.Scope s = RequestIds.enter(id)) {
                    LOG.debug("grpc {} -> {} in {} ms", name, status.getCode(),
                            (System.nanoTime() - started) / 1_000_000);
                }
                super.close(status, trailers);
            }
        };
        Context context = id == null ? Context.current() : Context.current().withValue(RequestIds.CONTEXT_KEY, id);
        ServerCall.Listener<Q> delegate;
        try (RequestIds.Scope s = RequestIds.enter(id)) {
            LOG.debug("grpc {} started", name);
            delegate = Contexts.interceptCall(context, timed, headers, next);
        }
        if (id == null) {
            return delegate;
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
            @Override
            public void onMessage(Q message) {
                try (RequestIds.Scope s = RequestIds.enter(id)) {
                    super.onMessage(message);
                }
            }

            @Override
            public void onHalfClose() {
                try (RequestIds.Scope s = RequestIds.enter(id)) {
                    super.onHalfClose();
                }
            }

            @Override
            public void onCancel() {
                try (RequestIds.Scope s = RequestIds.enter(id)) {
                    super.onCancel();
                }
            }

            @Override
            public void onComplete() {
                try (RequestIds.Scope s = RequestIds.enter(id)) {
                    super.onComplete();
                }
            }

            @Override
            public void onReady() {
                try (RequestIds.Scope s = RequestIds.enter(id)) {
                    super.onReady();
                }
            }
        };
    }
}
