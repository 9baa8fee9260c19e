import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC client for ServiceTcpIT, run with the JDK's source launcher on berthd's class path:
 * {@code java -cp 'berthd/target/lib/*' HealthProbe.java <host> <port> <ca.pem> [<cert.pem> <key.pem>]}.
 * Calls grpc.health.v1 Check over TLS with the given client certificate (none if omitted) and prints "OK" or
 * the status code and description.
 */
public class HealthProbe {
    public static void main(String[] args) throws Exception {
        SslContextBuilder ssl = GrpcSslContexts.forClient().trustManager(new File(args[2]));
        if (args.length > 4) {
            ssl.keyManager(new File(args[3]), new File(args[4]));
        }
        ManagedChannel c = NettyChannelBuilder.forAddress(args[0], Integer.parseInt(args[1]))
                .sslContext(ssl.build()).build();
        try {
            HealthGrpc.newBlockingStub(c).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance());
            System.out.println("OK");
        } catch (StatusRuntimeException e) {
            System.out.println(e.getStatus().getCode() + ": " + e.getStatus().getDescription());
        } finally {
            c.shutdownNow();
        }
        System.exit(0);
    }
}
