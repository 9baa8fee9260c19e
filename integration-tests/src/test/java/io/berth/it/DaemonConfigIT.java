package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.testing.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * berthd's {@code --config-file} (dockerd's daemon.json) and SIGHUP, with the real docker CLI: a key given as a flag
 * and in the file, an unknown key, a wrong type and a missing named file are refused at start with dockerd's texts
 * (exit 1, nothing made on disk); SIGHUP reloads debug, labels, insecure registries and mirrors (docker info shows
 * them at once, the services log at DEBUG from then on, a daemon {@code reload} event with the daemon's ID and
 * dockerd's attributes is recorded) without touching a running container; a file refused at reload changes
 * nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DaemonConfigIT {
    private Path busybox;

    @BeforeAll
    void environment() {
        TestEnvironment env = TestEnvironment.current();
        env.requireRoot("runc, conmon, overlayfs, cgroups");
        env.requireExecutable(DockerCli.DOCKER, "the reference docker CLI");
        busybox = WalkingSkeletonContract.fixture(WalkingSkeletonContract.BUSYBOX_ARCHIVE);
        env.require(Files.exists(busybox), "fixture " + busybox);
    }

    private static void refusedAtStart(String json, boolean debugFlag, String expected) throws Exception {
        try (BerthdProcess d = new BerthdProcess("overlay2")) {
            Path file = d.base.resolve("daemon.json");
            Files.writeString(file, json);
            d.extraArgs("--config-file", file.toString());
            if (!debugFlag) {
                d.withoutDebug();
            }
            int exit = d.startExpectingExit();
            String out = Files.readString(d.log, StandardCharsets.UTF_8);
            assertEquals(1, exit, out);
            assertTrue(out.contains("unable to configure the Docker daemon with file " + file + ": " + expected), out);
            assertFalse(Files.exists(d.dataRoot), "a refused start makes no data root");
            assertFalse(Files.exists(d.socket), "a refused start makes no socket");
        }
    }

    @Test
    void flagAndFile_conflict_isRefusedNamingBothValues() throws Exception {
        refusedAtStart("{\"debug\": false}", true, "the following directives are specified both as a flag and in the "
                + "configuration file: debug: (from flag: true, from file: false)");
    }

    @Test
    void unknownKey_isRefused() throws Exception {
        refusedAtStart("{\"labels\": [\"a=b\"], \"no-such-option\": 1}", false,
                "the following directives don't match any configuration option: no-such-option");
    }

    @Test
    void wrongType_isRefused() throws Exception {
        refusedAtStart("{\"debug\": \"yes\"}", false,
                "json: cannot unmarshal string into Go struct field Config.debug of type bool");
    }

    @Test
    void missingNamedFile_isRefused() throws Exception {
        try (BerthdProcess d = new BerthdProcess("overlay2")) {
            Path file = d.base.resolve("none.json");
            d.extraArgs("--config-file", file.toString());
            assertEquals(1, d.startExpectingExit());
            String out = Files.readString(d.log, StandardCharsets.UTF_8);
            assertTrue(out.contains("unable to configure the Docker daemon with file " + file + ": open " + file
                    + ": no such file or directory"), out);
        }
    }

    @Test
    void sighup_reloadsDebugLabelsAndRegistries_withoutTouchingContainers() throws Exception {
        BerthdProcess d = new BerthdProcess("overlay2").withoutDebug();
        Path file = d.base.resolve("daemon.json");
        Files.writeString(file, "{\"debug\": false, \"labels\": [\"stage=one\"], \"live-restore\": false}");
        d.extraArgs("--config-file", file.toString());
        DockerCli docker = new DockerCli(d.socket, d.dockerConfig);
        String container = "cfg-reload-" + ProcessHandle.current().pid();
        try {
            d.start();
            docker.ok("load", "-q", "-i", busybox.toString());
            assertEquals("false [\"stage=one\"] [\"127.0.0.0/8\"]", docker.ok("info", "--format",
                    "{{.Debug}} {{json .Labels}} {{json .RegistryConfig.InsecureRegistryCIDRs}}").trim());
            docker.ok("run", "-d", "--name", container, WalkingSkeletonContract.BUSYBOX, "sleep", "300");
            String before = docker.ok("inspect", "-f", "{{.State.Pid}} {{.State.StartedAt}}", container).trim();
            String gatewayLog = d.execRoot.resolve("logs/api-gateway.log").toString();
            long logSizeBefore = Files.size(Path.of(gatewayLog));

            String since = DockerCli.eventsNow();
            Files.writeString(file, "{\"debug\": true, \"labels\": [\"stage=two\", \"team=x\"], "
                    + "\"insecure-registries\": [\"10.1.0.0/16\", \"reg.example:5000\"], "
                    + "\"registry-mirrors\": [\"https://mirror.example\"]}");
            new ProcessBuilder("kill", "-HUP", Long.toString(d.pid())).inheritIO().start().waitFor();

            String info = awaitInfo(docker, "{{.Debug}}", "true");
            assertEquals("true", info);
            assertEquals("[\"stage=two\",\"team=x\"] [\"10.1.0.0/16\",\"127.0.0.0/8\"] false "
                    + "[\"https://mirror.example/\"]", docker.ok("info", "--format", "{{json .Labels}} "
                    + "{{json .RegistryConfig.InsecureRegistryCIDRs}} "
                    + "{{(index .RegistryConfig.IndexConfigs \"reg.example:5000\").Secure}} "
                    + "{{json .RegistryConfig.Mirrors}}").trim());
            String human = docker.ok("info");
            assertTrue(human.contains("Debug Mode: true"), human);
            assertTrue(human.contains("reg.example:5000"), human);

            // The container was not touched.
            assertEquals(before, docker.ok("inspect", "-f", "{{.State.Pid}} {{.State.StartedAt}}", container).trim());
            assertEquals("true", docker.ok("inspect", "-f", "{{.State.Running}}", container).trim());

            // The reload event: type daemon, action reload, the daemon's ID, dockerd's attributes.
            String id = docker.ok("info", "--format", "{{.ID}}").trim();
            String events = docker.ok("events", "--since", since, "--until", DockerCli.eventsNow(), "--filter",
                    "type=daemon", "--format", "{{.Type}} {{.Action}} {{.Actor.ID}} {{index .Actor.Attributes "
                            + "\"debug\"}} {{index .Actor.Attributes \"labels\"}} {{index .Actor.Attributes "
                            + "\"name\"}}");
            String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            assertEquals("daemon reload " + id + " true [\"stage=two\",\"team=x\"] " + host, events.trim());

            // berthd logs the reload; the gateway logs at DEBUG from now on.
            String berthdLog = Files.readString(d.log, StandardCharsets.UTF_8);
            assertTrue(berthdLog.contains("Reloaded configuration: "), berthdLog);
            assertTrue(berthdLog.contains("debug: false -> true"), berthdLog);
            docker.ok("ps");
            String after = Files.readString(Path.of(gatewayLog), StandardCharsets.UTF_8).substring((int) logSizeBefore);
            assertTrue(after.contains("DEBUG"), after);

            // A refused file at reload changes nothing.
            Files.writeString(file, "{\"debug\": false, \"bogus\": 1}");
            new ProcessBuilder("kill", "-HUP", Long.toString(d.pid())).inheritIO().start().waitFor();
            awaitLog(d, "the following directives don't match any configuration option: bogus");
            assertEquals("true [\"stage=two\",\"team=x\"]", docker.ok("info", "--format",
                    "{{.Debug}} {{json .Labels}}").trim());
        } finally {
            docker.run("rm", "-f", container);
            d.stopAndAssertClean();
        }
    }

    /** The host's first non-loopback IPv4 address, or null. */
    private static String hostAddress() throws java.net.SocketException {
        for (java.net.NetworkInterface ni : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (java.net.InetAddress a : java.util.Collections.list(ni.getInetAddresses())) {
                if (a instanceof java.net.Inet4Address && !a.isLoopbackAddress()) {
                    return a.getHostAddress();
                }
            }
        }
        return null;
    }

    /**
     * daemon.json's default-ulimits (a container's {@code ulimit -n}), live-restore (docker info, and a container
     * that outlives berthd's stop and is re-attached by the next berthd), and a SIGHUP's insecure-registries and
     * registry-mirrors reaching storage's pulls: a pull from the registry through the host's non-loopback address
     * fails while it is not insecure and works after the reload; {@code docker pull it/...} (a Docker Hub name,
     * no network here) is served by the reloaded mirror.
     */
    @Test
    void defaultUlimits_liveRestore_andReloadedRegistriesReachPulls() throws Exception {
        TestEnvironment env = TestEnvironment.current();
        env.requireExecutable(LocalRegistry.BINARY, "Debian's docker-registry");
        String ip = hostAddress();
        env.require(ip != null, "a non-loopback IPv4 address on this host");
        BerthdProcess d = new BerthdProcess("overlay2").withoutDebug();
        Path file = d.base.resolve("daemon.json");
        Files.writeString(file, "{\"default-ulimits\": {\"nofile\": {\"Name\": \"nofile\", \"Hard\": 4242, "
                + "\"Soft\": 4241}}, \"live-restore\": true}");
        d.extraArgs("--config-file", file.toString());
        DockerCli docker = new DockerCli(d.socket, d.dockerConfig);
        String container = "cfg-live-" + ProcessHandle.current().pid();
        try (LocalRegistry registry = LocalRegistry.start("0.0.0.0", null, null)) {
            d.start();
            docker.ok("load", "-q", "-i", busybox.toString());
            assertEquals("true []", docker.ok("info", "--format",
                    "{{.LiveRestoreEnabled}} {{json .RegistryConfig.Mirrors}}").trim());
            assertEquals("4241 4242", docker.ok("run", "--rm", WalkingSkeletonContract.BUSYBOX, "sh", "-c",
                    "echo $(ulimit -n) $(ulimit -Hn)").trim());
            assertEquals("100 200", docker.ok("run", "--rm", "--ulimit", "nofile=100:200",
                    WalkingSkeletonContract.BUSYBOX, "sh", "-c", "echo $(ulimit -n) $(ulimit -Hn)").trim());

            String local = registry.host() + "/it/mirrored:1";
            String remote = ip + ":" + registry.port() + "/it/mirrored:1";
            docker.ok("tag", WalkingSkeletonContract.BUSYBOX, local);
            docker.ok("push", local);
            DockerCli.Result refused = docker.run("pull", remote);
            assertTrue(refused.exitCode() != 0, "not insecure yet, so HTTPS to a plain-HTTP registry: " + refused);

            Files.writeString(file, "{\"insecure-registries\": [\"" + ip + ":" + registry.port() + "\"], "
                    + "\"registry-mirrors\": [\"" + registry.url() + "\"]}");
            new ProcessBuilder("kill", "-HUP", Long.toString(d.pid())).inheritIO().start().waitFor();
            assertEquals("[\"" + registry.url() + "/\"]", awaitInfo(docker, "{{json .RegistryConfig.Mirrors}}",
                    "[\"" + registry.url() + "/\"]"));
            // storage-service reads the settings file on the SIGHUP berthd forwards after writing it
            String pulled = awaitPull(docker, remote);
            assertTrue(pulled.contains("Downloaded newer image for " + remote)
                    || pulled.contains("Image is up to date for " + remote), pulled);
            String viaMirror = docker.ok("pull", "it/mirrored:1");
            assertTrue(viaMirror.contains("it/mirrored:1"), viaMirror);
            assertEquals(docker.ok("inspect", "-f", "{{.Id}}", local).trim(),
                    docker.ok("inspect", "-f", "{{.Id}}", "it/mirrored:1").trim());

            // live-restore: the container outlives berthd's stop and the next berthd re-attaches it.
            docker.ok("run", "-d", "--name", container, WalkingSkeletonContract.BUSYBOX, "sleep", "300");
            long pid = Long.parseLong(docker.ok("inspect", "-f", "{{.State.Pid}}", container).trim());
            assertEquals(0, d.stop(), d.logs());
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    "live-restore: the container's process must outlive berthd's stop\n" + d.logs());
            d.start();
            assertEquals("true " + pid, docker.ok("inspect", "-f", "{{.State.Running}} {{.State.Pid}}", container)
                    .trim());
        } finally {
            docker.run("rm", "-f", container);
            d.stopAndAssertClean();
        }
    }

    private static String awaitPull(DockerCli docker, String ref) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        DockerCli.Result last = null;
        while (Instant.now().isBefore(deadline)) {
            last = docker.run("pull", ref);
            if (last.exitCode() == 0) {
                return last.stdout();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("pull of " + ref + " still refused after the reload: " + last);
    }

    private static String awaitInfo(DockerCli docker, String format, String expected) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            last = docker.ok("info", "--format", format).trim();
            if (last.equals(expected)) {
                return last;
            }
            Thread.sleep(100);
        }
        return last;
    }

    private static void awaitLog(BerthdProcess d, String text) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (Files.readString(d.log, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("berthd never logged \"" + text + "\":\n" + d.logs());
    }
}
