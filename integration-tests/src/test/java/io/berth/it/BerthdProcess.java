package io.berth.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code bin/berthd} for one test class: temporary socket, data root, exec root, cgroup parent and default
 * bridge ({@code --bridge bt<8 hex>}, unless the test gives its own: daemons of parallel builds share the host, and
 * two daemons on one bridge would hand out the same addresses from their own IPAM leases), started and stopped like
 * a user would (SIGTERM), plus the leftover check: after the daemon exits, no mount, process or cgroup it made may
 * remain. {@link #forceCleanup()} removes whatever did remain, and the bridge (berthd keeps its bridge across
 * restarts, as dockerd keeps docker0), so a failing test never leaves the machine dirty.
 */
final class BerthdProcess implements AutoCloseable {
    final Path base;
    final Path socket;
    final Path dataRoot;
    final Path execRoot;
    final Path dockerConfig;
    final String cgroupParent;
    /** This daemon's default bridge ({@code --bridge}), unique per daemon. */
    final String bridge;
    final Path log;
    private final String driver;
    private final List<String> extraArgs = new ArrayList<>();
    private List<String> hosts;
    private boolean debug = true;
    private final List<String> launcher = new ArrayList<>();
    private Process process;
    /** The file system the test mounted at {@link #dataRoot} ({@link #onLoopBtrfs}), or null. */
    private Path ownFilesystem;

    BerthdProcess(String driver) throws IOException {
        this.driver = driver;
        this.base = Files.createTempDirectory(Path.of("/tmp"), "berth-it-");
        this.socket = base.resolve("docker.sock");
        this.dataRoot = base.resolve("data");
        this.execRoot = base.resolve("exec");
        this.dockerConfig = Files.createDirectories(base.resolve("docker-config"));
        this.log = base.resolve("berthd.log");
        this.cgroupParent = "/berth-it-" + UUID.randomUUID().toString().substring(0, 8);
        this.bridge = "bt" + UUID.randomUUID().toString().substring(0, 8);
        this.hosts = List.of("unix://" + socket);
    }

    /**
     * @return a {@code --storage-driver btrfs} daemon whose data root is a 512 MiB btrfs of its own
     *     ({@link #onLoopBtrfs}); without Debian's btrfs-progs the test is skipped (fails under CI=true)
     */
    static BerthdProcess onOwnBtrfs() throws IOException, InterruptedException {
        io.berth.common.testing.TestEnvironment.current().requireExecutable(Path.of("/usr/sbin/mkfs.btrfs"),
                "mkfs.btrfs (Debian btrfs-progs)");
        return new BerthdProcess("btrfs").onLoopBtrfs(512L * 1024 * 1024);
    }

    /**
     * Puts the data root on a btrfs file system of its own (before {@link #start()}), for {@code --storage-driver
     * btrfs}: a sparse file {@code <base>/btrfs.img} made by {@code mkfs.btrfs} (Debian btrfs-progs), loop-mounted
     * at {@link #dataRoot} ({@code mount -o loop} sets autoclear: the loop device goes with the last unmount).
     * {@link #leftoverMounts()} does not count it; {@link #forceCleanup()} unmounts it after everything berthd
     * left and deletes the image with the base directory. On failure it cleans up before it throws.
     *
     * @param sizeBytes the image's apparent size (btrfs needs about 114 MiB at least; only written blocks use disk)
     * @return this
     * @throws IOException if mkfs.btrfs or mount fails (their output in the message)
     */
    BerthdProcess onLoopBtrfs(long sizeBytes) throws IOException, InterruptedException {
        Path image = base.resolve("btrfs.img");
        try {
            try (var f = java.nio.channels.FileChannel.open(image, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE)) {
                f.position(sizeBytes - 1);
                f.write(java.nio.ByteBuffer.wrap(new byte[1]));
            }
            Files.createDirectories(dataRoot);
            runTool("mkfs.btrfs", "-q", image.toString());
            runTool("mount", "-o", "loop", image.toString(), dataRoot.toString());
            ownFilesystem = dataRoot;
            return this;
        } catch (IOException | InterruptedException | RuntimeException e) {
            forceCleanup();
            throw e;
        }
    }

    private static void runTool(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    /** The repository root (set by the failsafe configuration; falls back to the working directory's parent). */
    static Path repoRoot() {
        String p = System.getProperty("berth.repo.root");
        return (p != null ? Path.of(p) : Path.of("..")).toAbsolutePath().normalize();
    }

    /**
     * Serves these {@code -H} addresses instead of the unix {@link #socket} (before {@link #start()}).
     *
     * @param hostSpecs e.g. {@code tcp://127.0.0.1:23750}
     * @return this
     */
    BerthdProcess hosts(String... hostSpecs) {
        hosts = List.of(hostSpecs);
        return this;
    }

    /**
     * Adds berthd flags (before {@link #start()}).
     *
     * @param args e.g. {@code --tlsverify}
     * @return this
     */
    BerthdProcess extraArgs(String... args) {
        extraArgs.addAll(List.of(args));
        return this;
    }

    /**
     * Replaces the flags added by {@link #extraArgs} (for the next {@link #start()}, after a {@link #stop()}).
     *
     * @param args the new flags
     * @return this
     */
    BerthdProcess replaceExtraArgs(String... args) {
        extraArgs.clear();
        return extraArgs(args);
    }

    /** @return berthd's own socket into the gateway, {@code <exec-root>/gateway.sock}, served whatever -H says */
    Path gatewaySocket() {
        return execRoot.resolve("gateway.sock");
    }

    /**
     * Starts without {@code --debug} (before {@link #start()}), e.g. for a daemon.json that sets it.
     *
     * @return this
     */
    BerthdProcess withoutDebug() {
        debug = false;
        return this;
    }

    /** @return berthd's pid (bin/berthd execs its JVM) */
    long pid() {
        return process.pid();
    }

    /**
     * Starts bin/berthd through this command (before {@link #start()}), e.g. a socket-activation launcher that
     * execs its arguments.
     *
     * @param prefix the launcher and its own arguments
     * @return this
     */
    BerthdProcess launchedBy(String... prefix) {
        launcher.addAll(List.of(prefix));
        return this;
    }

    private List<String> command() {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.add(repoRoot().resolve("bin/berthd").toString());
        for (String h : hosts) {
            cmd.addAll(List.of("-H", h));
        }
        cmd.addAll(List.of("--data-root", dataRoot.toString(), "--exec-root", execRoot.toString(),
                "--pidfile", base.resolve("berthd.pid").toString(), "--storage-driver", driver,
                "--cgroup-parent", cgroupParent));
        if (debug) {
            cmd.add("--debug");
        }
        if (!extraArgs.contains("--metrics-addr")) {
            // berthd's default (127.0.0.1:9323) is one port for the whole machine; test daemons run side by side.
            cmd.addAll(List.of("--metrics-addr", ""));
        }
        if (!extraArgs.contains("--bridge")) {
            cmd.addAll(List.of("--bridge", bridge));
        }
        cmd.addAll(extraArgs);
        return cmd;
    }

    /**
     * Runs berthd expecting it to refuse to start (a bad flag or configuration file) and waits for its exit.
     *
     * @return its exit status; its output is in {@link #log}
     */
    int startExpectingExit() throws IOException, InterruptedException {
        process = new ProcessBuilder(command()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("berthd did not exit within 60 s:\n" + logs());
        }
        return process.exitValue();
    }

    /** Starts berthd and waits (at most 120 s) until GET /_ping answers OK on the gateway's own socket. */
    void start() throws IOException, InterruptedException {
        // Appended, so that a test restarting berthd keeps the first run's log too.
        process = new ProcessBuilder(command()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        UnixHttp http = new UnixHttp(gatewaySocket());
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("berthd exited with " + process.exitValue() + " before it was ready:\n" + logs());
            }
            if (Files.exists(gatewaySocket())) {
                try {
                    if ("OK".equals(http.send("GET", "/_ping", null).body())) {
                        return;
                    }
                } catch (IOException notYet) {
                    // keep polling
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("berthd not ready after 120 s:\n" + logs());
    }

    /** The berthd log plus every service log under the exec root. */
    String logs() {
        StringBuilder b = new StringBuilder();
        try {
            b.append("== berthd\n").append(Files.readString(log, StandardCharsets.UTF_8));
            Path logs = execRoot.resolve("logs");
            if (Files.isDirectory(logs)) {
                try (Stream<Path> s = Files.list(logs)) {
                    for (Path p : s.sorted().toList()) {
                        String text = Files.readString(p, StandardCharsets.UTF_8);
                        b.append("== ").append(p.getFileName()).append('\n')
                                .append(text.length() > 20000 ? text.substring(text.length() - 20000) : text);
                    }
                }
            }
        } catch (IOException e) {
            b.append("(cannot read logs: ").append(e).append(")");
        }
        return b.toString();
    }

    /**
     * Sends SIGTERM and waits up to 90 s.
     *
     * @return berthd's exit code
     */
    int stop() throws InterruptedException {
        if (process == null) {
            return 0;
        }
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            return -1;
        }
        return process.exitValue();
    }

    /**
     * @param mainClass a service's main class, e.g. {@code io.berth.engine.EngineMain}
     * @return the pid of this daemon's process of that service (its command line names this exec root)
     * @throws AssertionError when none runs
     */
    long servicePid(String mainClass) {
        try (Stream<ProcessHandle> s = ProcessHandle.allProcesses()) {
            return s.filter(p -> {
                String cmd = cmdline(p.pid());
                return cmd.contains(mainClass) && cmd.contains(execRoot.toString());
            }).mapToLong(ProcessHandle::pid).findFirst()
                    .orElseThrow(() -> new AssertionError(mainClass + " not running"));
        }
    }

    /**
     * Stops berthd (SIGTERM), cleans up whatever it left in any case ({@link #forceCleanup()}), then asserts exit
     * status 0 and that no mount or process was left behind (the logs in the message).
     */
    void stopAndAssertClean() throws Exception {
        int exit = stop();
        List<String> mounts = leftoverMounts();
        List<ProcessHandle> procs = leftoverProcesses();
        String logs = logs();
        forceCleanup();
        org.junit.jupiter.api.Assertions.assertEquals(0, exit, "berthd must exit 0 on SIGTERM:\n" + logs);
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), mounts, "mounts left behind");
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), procs, "processes left behind");
    }

    /** @return true while the berthd process started last runs */
    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /**
     * Waits for the berthd started last to exit by itself.
     *
     * @param timeout how long
     * @return its exit status
     * @throws AssertionError if it still runs after {@code timeout}
     */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("berthd still runs after " + timeout.toSeconds() + " s");
        }
        return process.exitValue();
    }

    /**
     * @param mainClass a service's main class, e.g. {@code io.berth.engine.EngineMain}
     * @return the pid of that service under the berthd started last
     */
    java.util.OptionalLong servicePidUnder(String mainClass) {
        if (process == null) {
            return java.util.OptionalLong.empty();
        }
        return process.descendants().filter(p -> cmdline(p.pid()).contains(" " + mainClass + " "))
                .mapToLong(ProcessHandle::pid).findFirst();
    }

    /**
     * {@code kill -9} of berthd alone, then waits (at most 30 s) until each of its service processes has
     * stopped by itself (their parent watchdog), so that the next {@link #start()} on the same roots is a
     * fresh daemon. Containers are not touched.
     */
    void kill9() throws InterruptedException {
        List<ProcessHandle> services = process.descendants()
                .filter(p -> cmdline(p.pid()).contains("-Dberth.parent.pid=")).toList();
        process.destroyForcibly().waitFor();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        for (ProcessHandle s : services) {
            while (s.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            if (s.isAlive()) {
                throw new AssertionError("service " + s.pid() + " still runs 30 s after berthd's kill -9:\n" + logs());
            }
        }
    }

    /** Mount points under this daemon's base directory that are still mounted. */
    List<String> leftoverMounts() throws IOException {
        List<String> found = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String mountPoint = line.split(" ")[4];
            if (mountPoint.startsWith(base.toString())
                    && !(ownFilesystem != null && mountPoint.equals(ownFilesystem.toString()))) {
                found.add(mountPoint);
            }
        }
        return found;
    }

    /** Live processes whose command line mentions this daemon's base directory or its cgroup parent. */
    List<ProcessHandle> leftoverProcesses() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> {
                    String cmdline = cmdline(p.pid());
                    return cmdline.contains(base.toString()) || cmdline.contains(cgroupParent);
                })
                .toList();
    }

    /** cgroup directories of this daemon's cgroup parent that still exist, in any controller. */
    List<Path> leftoverCgroups() throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> controllers = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path c : controllers.toList()) {
                Path dir = c.resolve(cgroupParent.substring(1));
                if (Files.isDirectory(dir)) {
                    found.add(dir);
                }
                Path nested = c.resolve("process_api");
                if (Files.isDirectory(nested)) {
                    found.addAll(findNamed(nested, 3, cgroupParent.substring(1)));
                }
            }
        }
        return found;
    }

    /**
     * Directories named {@code name} down to {@code depth} levels below {@code dir}; directories that vanish
     * during the walk (other daemons' cgroups come and go) are skipped instead of failing the walk.
     */
    private static List<Path> findNamed(Path dir, int depth, String name) {
        List<Path> out = new ArrayList<>();
        if (depth <= 0) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path child : s.filter(Files::isDirectory).toList()) {
                if (child.getFileName().toString().equals(name)) {
                    out.add(child);
                }
                out.addAll(findNamed(child, depth - 1, name));
            }
        } catch (IOException | java.io.UncheckedIOException gone) {
            // removed meanwhile
        }
        return out;
    }

    static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

    /** Kills, unmounts and removes whatever is left, then deletes the base directory. */
    void forceCleanup() throws IOException, InterruptedException {
        for (ProcessHandle p : leftoverProcesses()) {
            p.destroyForcibly();
        }
        List<String> mounts = new ArrayList<>(leftoverMounts());
        mounts.sort(Comparator.comparing(String::length).reversed());
        for (String m : mounts) {
            new ProcessBuilder("umount", "-l", m).inheritIO().start().waitFor();
        }
        if (ownFilesystem != null) {
            // a plain unmount first, so that the loop device is freed now; lazily if something still holds it
            if (new ProcessBuilder("umount", ownFilesystem.toString()).inheritIO().start().waitFor() != 0) {
                new ProcessBuilder("umount", "-l", ownFilesystem.toString()).inheritIO().start().waitFor();
            }
            ownFilesystem = null;
        }
        for (Path cg : leftoverCgroups()) {
            try (Stream<Path> s = Files.walk(cg)) {
                for (Path d : s.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                    new ProcessBuilder("rmdir", d.toString()).start().waitFor();
                }
            }
        }
        if (Files.exists(Path.of("/sys/class/net", bridge))) {
            new ProcessBuilder("ip", "link", "del", "dev", bridge).inheritIO().start().waitFor();
        }
        new ProcessBuilder("rm", "-rf", "--one-file-system", base.toString()).inheritIO().start().waitFor();
    }

    /**
     * What this daemon's networking left on the host (call while the data root still exists): interfaces still on
     * its bridge (veths), IPAM leases under {@code <data-root>/network/ipam/}, network namespace files, endpoint
     * records, and iptables rules naming its bridge's subnet (the bridge plugin's per-container masquerade chain;
     * portmap's shared {@code CNI-HOSTPORT-*} chains name no subnet and stay by design).
     *
     * @return one line per leftover, empty when clean
     */
    List<String> leftoverNetworking() throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        Path brif = Path.of("/sys/class/net", bridge, "brif");
        if (Files.isDirectory(brif)) {
            try (Stream<Path> s = Files.list(brif)) {
                s.forEach(p -> out.add("interface on " + bridge + ": " + p.getFileName()));
            }
        }
        Path ipam = dataRoot.resolve("network").resolve("ipam");
        if (Files.isDirectory(ipam)) {
            try (Stream<Path> s = Files.walk(ipam)) {
                s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().matches("[0-9a-f.:]+"))
                        .forEach(p -> out.add("IPAM lease " + p));
            }
        }
        for (Path dir : List.of(execRoot.resolve("netns"), dataRoot.resolve("network").resolve("endpoints"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.forEach(p -> out.add("left " + p));
                }
            }
        }
        Path bridgeJson = dataRoot.resolve("network").resolve("bridge.json");
        if (Files.exists(bridgeJson)) {
            String subnet = io.berth.common.json.Json.MAPPER.readTree(bridgeJson.toFile()).path("Subnet").asText();
            Process p = new ProcessBuilder("iptables-save").redirectErrorStream(true).start();
            String rules = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            for (String line : rules.split("\n")) {
                if (!subnet.isEmpty() && line.contains(subnet)) {
                    out.add("iptables: " + line);
                }
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        try {
            stop();
        } finally {
            forceCleanup();
        }
    }
}
