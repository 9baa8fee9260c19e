package io.berth.gateway.grpc;

import io.berth.common.errors.BerthException;
import io.berth.common.errors.UnavailableException;
import io.berth.common.grpc.GrpcErrors;
import io.berth.common.grpc.OutgoingCallInterceptor;
import io.grpc.StatusRuntimeException;
import java.util.function.Supplier;

/**
 * Blocking calls to one of berth's services with {@link GrpcErrors#call} semantics (the peer's error category
 * survives the hop), and an unreachable service named in the message: "engine-service is not available:
 * io exception" rather than gRPC's bare "io exception" (HTTP 503). A service that does not answer within the
 * call's deadline (common's {@code CallDeadlines}; SIGSTOP, a hang) is the same 503: "engine-service is not
 * available: deadline exceeded after 29.99s ...".
 */
public final class ServiceCall {
    private ServiceCall() {
    }

    /**
     * @param service the service's short name ("engine", "storage", "monitor")
     * @param call the stub call
     * @param <T> the response type
     * @return the response
     * @throws BerthException of the peer's category
     */
    public static <T> T call(String service, Supplier<T> call) {
        try {
            return GrpcErrors.call(call);
        } catch (UnavailableException e) {
            throw unavailable(service, e);
        }
    }

    /**
     * @param service the service's short name
     * @param error a gRPC error
     * @return the native exception, naming the service if it is unreachable
     */
    public static RuntimeException translate(String service, Throwable error) {
        if (error instanceof StatusRuntimeException sre) {
            BerthException native1 = GrpcErrors.toNative(sre);
            return native1 instanceof UnavailableException u ? unavailable(service, u) : native1;
        }
        if (error instanceof RuntimeException re) {
            return re;
        }
        return new io.berth.common.errors.InternalException(String.valueOf(error.getMessage()), error);
    }

    private static UnavailableException unavailable(String service, UnavailableException e) {
        String m = e.getMessage();
        return m.contains(OutgoingCallInterceptor.NOT_AVAILABLE) ? e
                : new UnavailableException(service + "-service" + OutgoingCallInterceptor.NOT_AVAILABLE + m, e);
    }
}
