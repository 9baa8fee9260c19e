package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The details of {@code docker ps} and {@code docker inspect} that issue 10 lists, with the real docker CLI:
 * SizeRw/SizeRootFs with {@code size=1} ({@code ps -s}, {@code inspect -s}) measured against what the container
 * wrote, overlay2's GraphDriver data pointing at real directories, {@code ps --filter volume=} by volume name
 * and by destination (named, anonymous and bind mounts), and every field {@code docker update} changes shown in
 * inspect's HostConfig.
 */
class ContainerDetailsIT {
    @RegisterExtension
    static final BerthdExtension berthd = BerthdExtension.overlay2();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> names = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();

    private String name(String base) {
        String n = "det-" + base + "-" + UUID.randomUUID().toString().substring(0, 6);
        names.add(n);
        return n;
    }

    @AfterEach
    void removeContainers() throws Exception {
        for (String n : names) {
            berthd.docker().run("rm", "-f", "-v", n);
        }
        for (String v : volumes) {
            berthd.docker().run("volume", "rm", "-f", v);
        }
    }

    @Test
    void sizes_psAndInspectWithSize_areTheWritableLayerAndItPlusTheImage() throws Exception {
        DockerCli docker = berthd.docker();
        String big = name("big");
        docker.ok("run", "-d", "--name", big, WalkingSkeletonContract.BUSYBOX, "sh", "-c",
                "dd if=/dev/zero of=/big bs=1024 count=2048 && touch /done && sleep 1000");
        docker.awaitInspect(big, "{{.State.Running}}", "true"::equals, 30);
        for (int i = 0; i < 100 && docker.run("exec", big, "test", "-e", "/done").exitCode() != 0; i++) {
            Thread.sleep(100);
        }
        String fresh = name("fresh");
        docker.ok("create", "--name", fresh, WalkingSkeletonContract.BUSYBOX, "true");
        long image = Long.parseLong(docker.ok("image", "inspect", "-f", "{{.Size}}", WalkingSkeletonContract.BUSYBOX)
                .trim());

        String[] s = docker.ok("inspect", "-s", "-f", "{{.SizeRw}} {{.SizeRootFs}}", big).trim().split(" ");
        long rw = Long.parseLong(s[0]);
        assertTrue(rw >= 2 << 20 && rw < (2 << 20) + (256 << 10), "SizeRw of a 2 MiB file: " + rw);
        assertEquals(rw + image, Long.parseLong(s[1]), "SizeRootFs = SizeRw + the image's size");
        assertEquals("0 " + image, docker.ok("inspect", "-s", "-f", "{{.SizeRw}} {{.SizeRootFs}}", fresh).trim(),
                "a container never started has an empty layer");
        JsonNode noSize = JSON.readTree(docker.ok("inspect", big)).get(0);
        assertTrue(!noSize.has("SizeRw") && !noSize.has("SizeRootFs"), "sizes only with size=1");

        JsonNode list = JSON.readTree(berthd.http().send("GET", "/containers/json?all=1&size=1", null).body());
        for (JsonNode c : list) {
            String id = c.get("Id").asText();
            if (id.equals(docker.ok("inspect", "-f", "{{.Id}}", big).trim())) {
                assertEquals(rw, c.get("SizeRw").asLong(), "ps -s agrees with inspect -s");
                assertEquals(rw + image, c.get("SizeRootFs").asLong());
            } else if (id.equals(docker.ok("inspect", "-f", "{{.Id}}", fresh).trim())) {
                assertTrue(!c.has("SizeRw"), "moby's omitempty SizeRw of 0: " + c);
                assertEquals(image, c.get("SizeRootFs").asLong());
            }
        }
        String psSize = docker.ok("ps", "-s", "--filter", "name=^" + big + "$", "--format", "{{.Size}}").trim();
        assertTrue(psSize.matches("2\\.[0-9]+MB \\(virtual [0-9.]+[kMG]?B\\)"), "the CLI's SIZE column: " + psSize);
        assertTrue(JSON.readTree(berthd.http().send("GET", "/containers/json", null).body()).get(0).get("SizeRw")
                == null, "no sizes without size=1");
    }

    @Test
    void graphDriver_overlay2Data_namesTheRealDirectories() throws Exception {
        DockerCli docker = berthd.docker();
        String n = name("gd");
        docker.ok("run", "-d", "--name", n, WalkingSkeletonContract.BUSYBOX, "sh", "-c", "echo hi > /marker; sleep 1000");
        docker.awaitInspect(n, "{{.State.Running}}", "true"::equals, 30);
        JsonNode gd = JSON.readTree(docker.ok("inspect", "-f", "{{json .GraphDriver}}", n));
        assertEquals("overlay2", gd.get("Name").asText());
        List<String> keys = new ArrayList<>();
        gd.get("Data").fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("LowerDir", "MergedDir", "UpperDir", "WorkDir"), keys, "dockerd's keys, Go's map order");
        for (String lower : gd.get("Data").get("LowerDir").asText().split(":")) {
            assertTrue(Files.isDirectory(Path.of(lower)), "LowerDir entry " + lower);
        }
        Path upper = Path.of(gd.get("Data").get("UpperDir").asText());
        for (int i = 0; i < 100 && !Files.exists(upper.resolve("marker")); i++) {
            Thread.sleep(100);
        }
        assertEquals("hi\n", Files.readString(upper.resolve("marker")), "UpperDir holds what the container wrote");
        assertTrue(Files.isDirectory(Path.of(gd.get("Data").get("WorkDir").asText())));
        Path merged = Path.of(gd.get("Data").get("MergedDir").asText());
        assertEquals("hi\n", Files.readString(merged.resolve("marker")), "MergedDir is the mounted root filesystem");
        assertTrue(Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .anyMatch(l -> l.split(" ")[4].equals(merged.toString())), "MergedDir is a mount point");
    }

    @Test
    void psFilterVolume_matchesVolumeNamesAndDestinations() throws Exception {
        DockerCli docker = berthd.docker();
        String vol = "det-vol-" + UUID.randomUUID().toString().substring(0, 6);
        volumes.add(vol);
        String named = name("named");
        docker.ok("create", "--name", named, "-v", vol + ":/data", WalkingSkeletonContract.BUSYBOX, "true");
        String anon = name("anon");
        docker.ok("create", "--name", anon, "-v", "/cache", WalkingSkeletonContract.BUSYBOX, "true");
        String bind = name("bind");
        Path host = Files.createTempDirectory(berthd.daemon().base, "bind");
        docker.ok("create", "--name", bind, "-v", host + ":/mnt/host", WalkingSkeletonContract.BUSYBOX, "true");
        String anonVolume = docker.ok("inspect", "-f", "{{range .Mounts}}{{.Name}}{{end}}", anon).trim();
        assertEquals(64, anonVolume.length(), "anonymous volume name: " + anonVolume);

        assertEquals(named, ps("volume=" + vol));
        assertEquals(named, ps("volume=/data"));
        assertEquals(anon, ps("volume=/cache"));
        assertEquals(anon, ps("volume=" + anonVolume));
        assertEquals(bind, ps("volume=/mnt/host"));
        assertEquals("", ps("volume=/nowhere"));
    }

    private String ps(String filter) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : berthd.docker().ok("ps", "-a", "--filter", filter, "--format", "{{.Names}}").split("\n")) {
            if (names.contains(line.trim())) {
                out.add(line.trim());
            }
        }
        return String.join(",", out);
    }

    @Test
    void update_everyChangedFieldIsShownInInspectHostConfig() throws Exception {
        DockerCli docker = berthd.docker();
        String n = name("upd");
        docker.ok("run", "-d", "--name", n, "-m", "64m", WalkingSkeletonContract.BUSYBOX, "sleep", "1000");
        docker.ok("update", "--memory", "96m", "--memory-swap", "192m", "--memory-reservation", "32m",
                "--cpu-shares", "512", "--cpus", "0.5", "--cpuset-cpus", "0", "--cpuset-mems", "0",
                "--pids-limit", "50", "--restart", "on-failure:3", n);
        JsonNode h = JSON.readTree(docker.ok("inspect", "-f", "{{json .HostConfig}}", n));
        assertEquals(96L << 20, h.get("Memory").asLong());
        assertEquals(192L << 20, h.get("MemorySwap").asLong());
        assertEquals(32L << 20, h.get("MemoryReservation").asLong());
        assertEquals(512, h.get("CpuShares").asLong());
        assertEquals(500_000_000L, h.get("NanoCpus").asLong());
        assertEquals("0", h.get("CpusetCpus").asText());
        assertEquals("0", h.get("CpusetMems").asText());
        assertEquals(50, h.get("PidsLimit").asLong());
        assertEquals("on-failure", h.get("RestartPolicy").get("Name").asText());
        assertEquals(3, h.get("RestartPolicy").get("MaximumRetryCount").asInt());

        String q = name("quota");
        docker.ok("run", "-d", "--name", q, WalkingSkeletonContract.BUSYBOX, "sleep", "1000");
        docker.ok("update", "--cpu-period", "100000", "--cpu-quota", "20000", "--restart", "always", q);
        assertEquals("100000 20000 always", docker.ok("inspect", "-f",
                "{{.HostConfig.CpuPeriod}} {{.HostConfig.CpuQuota}} {{.HostConfig.RestartPolicy.Name}}", q).trim());
        docker.ok("restart", "-t", "0", q);
        assertEquals("100000 20000 always", docker.ok("inspect", "-f",
                "{{.HostConfig.CpuPeriod}} {{.HostConfig.CpuQuota}} {{.HostConfig.RestartPolicy.Name}}", q).trim(),
                "kept across a restart (stored in the record)");
    }
}
