package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.json.Json;
import io.berth.common.testing.TestEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code docker stats} against a real {@code bin/berthd} with the real docker CLI
 * ({@code docker stats --no-stream --format '{{json .}}'}): CPU of a busy loop, memory of a filled tmpfs, block
 * I/O of {@code dd oflag=direct}, PIDS; {@code stream=true} giving one object a second with headers at once; a
 * container that never ran giving dockerd's zero-valued object; 404 for an unknown container; 25 running
 * containers answered at once; docker-py's {@code container.stats()}. Each test makes and removes its own
 * containers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsIT {
    BerthdProcess daemon;
    DockerCli docker;
    UnixHttp http;
    final List<String> containers = new ArrayList<>();

    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2();

    @BeforeAll
    void bindDaemon() throws Exception {
        daemon = BERTHD.daemon();
        docker = BERTHD.docker();
        http = BERTHD.http();
    }

    @AfterEach
    void removeContainers() throws Exception {
        docker.removeAll(containers);
    }

    private String run(String... args) throws Exception {
        String name = "stats-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> a = new ArrayList<>(List.of("run", "-d", "--name", name));
        a.addAll(List.of(args));
        docker.ok(a.toArray(String[]::new));
        containers.add(name);
        return name;
    }

    /** {@code docker stats --no-stream --format '{{json .}}' name}, parsed. */
    private JsonNode cliStats(String name) throws Exception {
        return Json.parse(docker.ok("stats", "--no-stream", "--format", "{{json .}}", name).trim()
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Parses the CLI's sizes: "64.46MiB" (binary units) or "10.5MB" (decimal units), in bytes. */
    static double bytes(String size) {
        Matcher m = Pattern.compile("([0-9.]+)\\s*([kKMGT]?i?B)").matcher(size.trim());
        assertTrue(m.matches(), size);
        double v = Double.parseDouble(m.group(1));
        String u = m.group(2);
        double base = u.contains("i") ? 1024 : 1000;
        int exp = switch (Character.toUpperCase(u.charAt(0))) {
            case 'K' -> 1;
            case 'M' -> 2;
            case 'G' -> 3;
            case 'T' -> 4;
            default -> 0;
        };
        return v * Math.pow(base, exp);
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private void awaitFile(String name, String file) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (docker.run("exec", name, "test", "-e", file).exitCode() == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " never created " + file);
    }

    @Test
    void busyLoop_showsAboutOneCore() throws Exception {
        String name = run(WalkingSkeletonContract.BUSYBOX, "sh", "-c", "while :; do :; done");
        long pid = Long.parseLong(docker.ok("inspect", "-f", "{{.State.Pid}}", name).trim());
        Thread.sleep(2000);
        long t0 = System.nanoTime();
        long ticks0 = cpuTicks(pid);
        Thread.sleep(1000);
        double cpu = Double.parseDouble(cliStats(name).get("CPUPerc").asText().replace("%", ""));
        double got = (cpuTicks(pid) - ticks0) / 100.0 / ((System.nanoTime() - t0) / 1e9) * 100;
        // The loop is one process, so it gets at most one core; on a loaded machine it gets less, which
        // /proc/<pid>/stat shows independently of cgroups. docker stats must show what it really got.
        assertTrue(Math.abs(cpu - got) <= 35, "docker stats " + cpu + "% vs /proc/<pid>/stat " + got + "%");
        if (got >= 60) {
            assertTrue(cpu >= 60 && cpu <= 140, "CPU " + cpu + "%");
        } else {
            System.err.println("StatsIT: the machine is loaded: the busy loop got only " + got
                    + "% of a core; checked docker stats' " + cpu + "% against that instead of 60-140 %");
        }
    }

    @Test
    void filledTmpfs_showsInMemUsage() throws Exception {
        String name = run("--tmpfs", "/t", WalkingSkeletonContract.BUSYBOX, "sh", "-c",
                "dd if=/dev/zero of=/t/f bs=1M count=64 && touch /t/done; sleep 1000");
        awaitFile(name, "/t/done");
        Thread.sleep(1500);
        String usage = cliStats(name).get("MemUsage").asText();
        double used = bytes(usage.split("/")[0]);
        assertTrue(used >= 64 * 1024 * 1024, usage);
        assertTrue(bytes(usage.split("/")[1]) > used, usage);
    }

    @Test
    void directWrite_showsInBlockIo() throws Exception {
        Path dir = Files.createDirectories(daemon.base.resolve("blkio-" + UUID.randomUUID()));
        String fs = Files.getFileStore(dir).type();
        TestEnvironment.current().require(!fs.equals("tmpfs") && !fs.equals("overlay"),
                "a bind-mounted directory on a real disk for O_DIRECT (" + dir + " is on " + fs + ")");
        String name = run("-v", dir + ":/data", WalkingSkeletonContract.BUSYBOX, "sh", "-c",
                "dd if=/dev/zero of=/data/f bs=1M count=10 oflag=direct && touch /data/done; sleep 1000");
        for (int i = 0; i < 300 && !Files.exists(dir.resolve("done")); i++) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(dir.resolve("done")), "dd finished");
        Thread.sleep(1500);
        String io = cliStats(name).get("BlockIO").asText();
        assertTrue(bytes(io.split("/")[1]) >= 10_000_000, io);
    }

    @Test
    void pids_countsTheContainersProcesses() throws Exception {
        String name = run(WalkingSkeletonContract.BUSYBOX, "sh", "-c",
                "sleep 1000 & sleep 1000 & sleep 1000 & touch /ready; wait");
        awaitFile(name, "/ready");
        Thread.sleep(1500);
        assertEquals("4", cliStats(name).get("PIDs").asText());
    }

    @Test
    void stream_givesHeadersAtOnceThenOneObjectASecond() throws Exception {
        String name = run(WalkingSkeletonContract.BUSYBOX, "sleep", "1000");
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(daemon.socket))) {
            long start = System.nanoTime();
            ch.write(ByteBuffer.wrap(("GET /v1.41/containers/" + name + "/stats HTTP/1.1\r\nHost: d\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            InputStream in = Channels.newInputStream(ch);
            String status = line(in);
            assertEquals("HTTP/1.1 200 OK", status);
            boolean chunked = false;
            for (String l = line(in); !l.isEmpty(); l = line(in)) {
                chunked |= l.equalsIgnoreCase("transfer-encoding: chunked");
            }
            double headersAfter = (System.nanoTime() - start) / 1e9;
            assertTrue(chunked);
            assertTrue(headersAfter < 1.0, "headers after " + headersAfter + " s");
            List<JsonNode> objects = new ArrayList<>();
            List<Double> times = new ArrayList<>();
            while (objects.size() < 4) {
                int size = Integer.parseInt(line(in).trim(), 16);
                byte[] chunk = in.readNBytes(size);
                line(in);
                objects.add(Json.parse(chunk));
                times.add((System.nanoTime() - start) / 1e9);
            }
            for (int i = 1; i < objects.size(); i++) {
                double gap = times.get(i) - times.get(i - 1);
                assertTrue(gap > 0.5 && gap < 2.0, "gap " + gap + " s between objects " + times);
                assertEquals(objects.get(i - 1).get("read").asText(), objects.get(i).get("preread").asText());
            }
            double span = times.get(3) - times.get(0);
            assertTrue(span > 2.4 && span < 4.5, "three intervals took " + span + " s");
            assertEquals("/" + name, objects.get(0).get("name").asText());
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Test
    void containerThatNeverRan_givesDockersZeroObject_andUnknownIs404() throws Exception {
        String name = "stats-" + UUID.randomUUID().toString().substring(0, 8);
        String id = docker.ok("create", "--name", name, WalkingSkeletonContract.BUSYBOX, "true").trim();
        containers.add(name);
        UnixHttp.Response r = http.send("GET", "/v1.41/containers/" + name + "/stats?stream=false", null);
        assertEquals(200, r.status());
        assertEquals("{\"read\":\"0001-01-01T00:00:00Z\",\"preread\":\"0001-01-01T00:00:00Z\",\"pids_stats\":{},"
                + "\"blkio_stats\":{\"io_service_bytes_recursive\":null,\"io_serviced_recursive\":null,"
                + "\"io_queue_recursive\":null,\"io_service_time_recursive\":null,\"io_wait_time_recursive\":null,"
                + "\"io_merged_recursive\":null,\"io_time_recursive\":null,\"sectors_recursive\":null},"
                + "\"num_procs\":0,\"storage_stats\":{},\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":0,"
                + "\"usage_in_kernelmode\":0,\"usage_in_usermode\":0},\"throttling_data\":{\"periods\":0,"
                + "\"throttled_periods\":0,\"throttled_time\":0}},\"precpu_stats\":{\"cpu_usage\":{\"total_usage\":0,"
                + "\"usage_in_kernelmode\":0,\"usage_in_usermode\":0},\"throttling_data\":{\"periods\":0,"
                + "\"throttled_periods\":0,\"throttled_time\":0}},\"memory_stats\":{},\"name\":\"/" + name
                + "\",\"id\":\"" + id + "\"}\n", r.body());
        UnixHttp.Response missing = http.send("GET", "/v1.41/containers/nosuch-stats/stats?stream=false", null);
        assertEquals(404, missing.status());
        assertEquals("{\"message\":\"No such container: nosuch-stats\"}\n", missing.body());
        DockerCli.Result cli = docker.run("stats", "--no-stream", "nosuch-stats");
        assertEquals(1, cli.exitCode(), cli.toString());
        assertTrue(cli.stderr().contains("No such container: nosuch-stats"), cli.toString());
    }

    @Test
    void twentyFiveRunning_noStreamAnswersAtOnce() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            names.add(run(WalkingSkeletonContract.BUSYBOX, "sleep", "1000"));
        }
        Thread.sleep(2500);
        long start = System.nanoTime();
        List<String> args = new ArrayList<>(List.of("stats", "--no-stream", "--format", "{{.Name}} {{.PIDs}}"));
        args.addAll(names);
        String out = docker.ok(args.toArray(String[]::new));
        double took = (System.nanoTime() - start) / 1e9;
        assertEquals(25, out.lines().filter(l -> l.endsWith(" 1")).count(), out);
        double load = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        int cpus = Runtime.getRuntime().availableProcessors();
        System.err.println("StatsIT: docker stats --no-stream for 25 running containers took " + took
                + " s (load average " + load + " on " + cpus + " CPUs)");
        // dockerd needs about 2.1 s here because it samples each container twice, a second apart; berth's
        // sampler already has the previous sample. On a machine loaded far beyond its CPUs the gateway's own
        // request handling (25 inspects alone take about 0.7 s at load 4) dominates: allow more, visibly.
        double limit = load > 2.0 * cpus ? 5.0 : 2.1;
        assertTrue(took < limit, "took " + took + " s, limit " + limit + " s at load " + load);
    }

    @Test
    void dockerPy_containerStats() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Path script = BerthdProcess.repoRoot().resolve("integration-tests/src/test/python/stats_dockerpy.py");
        TestEnvironment.current().require(Files.isExecutable(python), "python3");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import docker").start();
        TestEnvironment.current().require(probe.waitFor() == 0, "docker-py (Debian python3-docker)");
        String name = run(WalkingSkeletonContract.BUSYBOX, "sh", "-c", "while :; do sleep 0.01; done");
        Thread.sleep(2500);
        ProcessBuilder pb = new ProcessBuilder(python.toString(), script.toString(), name).redirectErrorStream(true);
        pb.environment().put("DOCKER_HOST", "unix://" + daemon.socket);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("ok\n", out);
    }
}
