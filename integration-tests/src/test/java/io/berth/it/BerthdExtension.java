package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.common.testing.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real {@code bin/berthd} for a test class, the set-up every end-to-end test shares: checks the
 * environment (root, the reference docker CLI, the busybox fixture and whatever else the test names through
 * {@link #requireExecutable}), starts the daemon on temporary roots and its own default bridge, loads
 * {@code fixture/busybox:1}, and after the class stops it with SIGTERM, saves every log to
 * {@code target/failsafe-reports/<Class>-berthd.log} and asserts exit status 0 and that no mount, process or
 * networking ({@link BerthdProcess#leftoverNetworking}) of it is left ({@link BerthdProcess#forceCleanup()} runs in any case, so a failure never leaves the machine dirty).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final BerthdExtension berthd = BerthdExtension.overlay2();
 * ... berthd.docker().ok("run", "--rm", WalkingSkeletonContract.BUSYBOX, "true");
 * }</pre>
 *
 * Tests still remove the containers they make (in {@code @AfterEach}) so that each failure names what broke.
 */
final class BerthdExtension implements BeforeAllCallback, AfterAllCallback {
    private final String driver;
    private final List<Path> executables = new ArrayList<>();
    private final List<String> extraArgs = new ArrayList<>();
    private boolean loadBusybox = true;
    private boolean checkProcesses = true;
    private BerthdProcess daemon;
    private DockerCli docker;
    private UnixHttp http;

    private BerthdExtension(String driver) {
        this.driver = driver;
    }

    /** @return a daemon on the overlay2 storage driver (the default) */
    static BerthdExtension overlay2() {
        return new BerthdExtension("overlay2");
    }

    /** @return a daemon on the given storage driver ({@code overlay2}, {@code vfs}) */
    static BerthdExtension withDriver(String driver) {
        return new BerthdExtension(driver);
    }

    /** Requires another executable (skipped outside CI, failed under {@code CI=true} when missing). */
    BerthdExtension requireExecutable(Path executable) {
        executables.add(executable);
        return this;
    }

    /** Starts with no image loaded. */
    BerthdExtension withoutImages() {
        loadBusybox = false;
        return this;
    }

    /**
     * Adds berthd flags.
     *
     * @param args e.g. {@code --metrics-addr 127.0.0.1:<port>}
     * @return this
     */
    BerthdExtension withArgs(String... args) {
        extraArgs.addAll(List.of(args));
        return this;
    }

    /** Does not fail the class on processes left behind (only mounts are checked). */
    BerthdExtension withoutProcessCheck() {
        checkProcesses = false;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        TestEnvironment env = TestEnvironment.current();
        env.requireRoot("runc, conmon, overlayfs, cgroups");
        env.requireExecutable(DockerCli.DOCKER, "the reference docker CLI");
        for (Path p : executables) {
            env.requireExecutable(p, p.getFileName().toString());
        }
        Path busybox = WalkingSkeletonContract.fixture(WalkingSkeletonContract.BUSYBOX_ARCHIVE);
        if (loadBusybox) {
            env.require(Files.exists(busybox), "fixture " + busybox);
        }
        daemon = new BerthdProcess(driver).extraArgs(extraArgs.toArray(String[]::new));
        docker = new DockerCli(daemon.socket, daemon.dockerConfig);
        http = new UnixHttp(daemon.socket);
        daemon.start();
        if (loadBusybox) {
            docker.ok("load", "-q", "-i", busybox.toString());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (daemon == null) {
            return;
        }
        int exit = daemon.stop();
        List<String> networking = daemon.leftoverNetworking();
        List<String> mounts = daemon.leftoverMounts();
        List<String> procs = daemon.leftoverProcesses().stream()
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
        Path report = Path.of("target", "failsafe-reports",
                context.getRequiredTestClass().getSimpleName() + "-berthd.log");
        Files.createDirectories(report.getParent());
        Files.writeString(report, daemon.logs(), StandardCharsets.UTF_8);
        daemon.forceCleanup();
        assertEquals(0, exit, "berthd must exit 0 on SIGTERM; logs in " + report);
        assertEquals(List.of(), mounts, "mounts left behind");
        assertEquals(List.of(), networking, "networking left behind");
        if (checkProcesses) {
            assertEquals(List.of(), procs, "processes left behind");
        }
    }

    /** @return the running daemon (its roots, socket, logs) */
    BerthdProcess daemon() {
        return daemon;
    }

    /** @return the reference docker CLI pointed at the daemon */
    DockerCli docker() {
        return docker;
    }

    /** @return raw HTTP over the daemon's unix socket */
    UnixHttp http() {
        return http;
    }
}
