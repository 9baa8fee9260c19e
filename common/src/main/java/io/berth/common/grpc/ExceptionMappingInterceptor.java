package io.berth.common.grpc;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Server interceptor that closes a call whose handler threw with the status {@link GrpcErrors#toStatus}
 * gives, instead of gRPC's default UNKNOWN without a message. Handlers may therefore simply throw
 * {@link io.berth.common.errors.BerthException}s. Errors of category INTERNAL are logged here, once.
 */
public final class ExceptionMappingInterceptor implements ServerInterceptor {
    private static final Logger LOG = LogManager.getLogger(ExceptionMappingInterceptor.class);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        ServerCall.Listener<Q> delegate = next.startCall(call, headers);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
            @Override
            public void onMessage(Q message) {
                guard(() -> super.onMessage(message));
            }

            @Override
            public void onHalfClose() {
                guard(super::onHalfClose);
            }

            @Override
            public void onReady() {
                guard(super::onReady);
            }

            private void guard(Runnable r) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    Status s = GrpcErrors.toStatus(e);
                    if (s.getCode() == Status.Code.INTERNAL || s.getCode() == Status.Code.UNKNOWN) {
                        LOG.error("{} failed", call.getMethodDescriptor().getFullMethodName(), e);
                    } else {
                        LOG.debug("{} -> {}: {}", call.getMethodDescriptor().getFullMethodName(),
                                s.getCode(), s.getDescription());
                    }
                    try {
                        call.close(s, new Metadata());
                    } catch (IllegalStateException alreadyClosed) {
                        LOG.debug("call already closed", alreadyClosed);
                    }
                }
            }
        };
    }
}
