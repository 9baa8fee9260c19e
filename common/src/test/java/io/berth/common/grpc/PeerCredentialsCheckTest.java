package io.berth.common.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.testing.TestEnvironment;
import io.berth.proto.monitor.v1.EventsGrpc;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SO_PEERCRED on a service's socket: root (and the service's own uid) may call, another user is refused with
 * PERMISSION_DENIED even when the socket file's mode lets it connect.
 */
class PeerCredentialsCheckTest {
    @TempDir
    Path dir;

    @Test
    void allowed_isRootOrTheOwnUidOnly() {
        PeerCredentialsCheck check = new PeerCredentialsCheck(1000);
        assertTrue(check.allowed(0));
        assertTrue(check.allowed(1000));
        assertFalse(check.allowed(65534));
        assertFalse(check.allowed(1001));
    }

    @Test
    void root_mayCall() {
        Path socket = dir.resolve("svc.sock");
        try (UnixGrpcServer server = UnixGrpcServer.start(socket, List.of(new EventsGrpc.EventsImplBase() { }))) {
            ManagedChannel c = UnixChannels.connect(socket);
            try {
                assertEquals(HealthCheckResponse.ServingStatus.SERVING,
                        HealthGrpc.newBlockingStub(c).check(HealthCheckRequest.getDefaultInstance()).getStatus());
            } finally {
                c.shutdownNow();
            }
        }
    }

    @Test
    void anotherUser_isRefused_evenThroughAnOpenedUpSocket() throws Exception {
        TestEnvironment env = TestEnvironment.current();
        env.requireRoot("switching to user nobody");
        env.requireExecutable(Path.of("/usr/bin/setpriv"), "setpriv (util-linux)");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path socket = dir.resolve("svc.sock");
        String classPath = readableClassPath(Files.createDirectory(dir.resolve("cp")));
        try (UnixGrpcServer server = UnixGrpcServer.start(socket, List.of(new EventsGrpc.EventsImplBase() { }))) {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
            String java = ProcessHandle.current().info().command().orElseThrow();
            Process p = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    java, "-Xshare:off", "-cp", classPath, PeerCallProbe.class.getName(), socket.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("probe.out").toFile()).start();
            boolean exited = p.waitFor(60, TimeUnit.SECONDS);
            p.destroyForcibly().waitFor();
            String out = Files.readString(dir.resolve("probe.out"), StandardCharsets.UTF_8);
            assertTrue(exited, "the probe did not finish in 60 s: " + out);
            assertTrue(out.contains("PERMISSION_DENIED: permission denied: uid 65534 (pid "), out);
            assertTrue(out.contains("may not call berth's services"), out);
        }
    }

    /** Copies this JVM's class path where user nobody can read it; @return the copy's class path. */
    private static String readableClassPath(Path into) throws Exception {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path src = Path.of(e);
            Path dst = into.resolve((n++) + "-" + src.getFileName());
            if (Files.isDirectory(src)) {
                try (Stream<Path> walk = Files.walk(src)) {
                    for (Path f : walk.toList()) {
                        Path t = dst.resolve(src.relativize(f).toString());
                        if (Files.isDirectory(f)) {
                            Files.createDirectories(t);
                        } else {
                            Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            } else if (Files.isRegularFile(src)) {
                Files.copy(src, dst);
            } else {
                continue;
            }
            entries.add(dst.toString());
        }
        try (Stream<Path> walk = Files.walk(into)) {
            for (Path f : walk.toList()) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(
                        Files.isDirectory(f) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
