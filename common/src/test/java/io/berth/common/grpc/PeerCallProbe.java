package io.berth.common.grpc;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@link PeerCredentialsCheckTest} in a JVM of another user: calls the health service on the socket in
 * {@code args[0]} and prints the outcome ("OK" or the status code and description) on stdout.
 */
public final class PeerCallProbe {
    private PeerCallProbe() {
    }

    /** @param args the socket path */
    public static void main(String[] args) throws Exception {
        ManagedChannel c = UnixChannels.connect(Path.of(args[0]));
        try {
            HealthGrpc.newBlockingStub(c).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance());
            System.out.println("OK");
        } catch (StatusRuntimeException e) {
            System.out.println(e.getStatus().getCode() + ": " + e.getStatus().getDescription());
        } finally {
            c.shutdownNow();
        }
        System.exit(0); // the shared event loop's threads are not daemons
    }
}
