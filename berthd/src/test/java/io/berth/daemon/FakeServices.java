package io.berth.daemon;

import io.berth.common.net.HostAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Launches {@link FakeService} with the real command lines, in a per-service mode the test can change. */
final class FakeServices implements Supervisor.Launcher {
    final Map<ServiceKind, String> modes = new EnumMap<>(ServiceKind.class);
    final List<ServiceKind> launched = new ArrayList<>();
    private final DaemonConfig config;
    private final JvmLauncher jvm;

    FakeServices(DaemonConfig config) {
        this.config = config;
        this.jvm = new JvmLauncher(JvmLauncher.current().javaBinary(), System.getProperty("java.class.path"),
                ProcessHandle.current().pid(), null);
    }

    static DaemonConfig config(Path dir) {
        return new DaemonConfig(List.of(HostAddress.parse("unix://" + dir.resolve("docker.sock"))),
                dir.resolve("data"), dir.resolve("exec"), false, "vfs", dir.resolve("exec/berthd.pid"),
                Path.of("/berth"), TlsFlags.OFF, null);
    }

    @Override
    public synchronized ServiceProcess launch(ServiceKind kind) throws java.io.IOException {
        List<String> cmd = new ArrayList<>(jvm.command(FakeService.class.getName(), kind, config));
        cmd.add(1, "-Dfake.mode=" + modes.getOrDefault(kind, "serve"));
        launched.add(kind);
        return ServiceProcess.launch(kind, cmd, config.logFile(kind));
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
