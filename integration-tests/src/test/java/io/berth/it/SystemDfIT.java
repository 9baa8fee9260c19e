package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code docker system df} ({@code GET /system/df}) and {@code docker builder prune} against a real
 * {@code bin/berthd}: the numbers checked against what the test's own image and containers hold (an image
 * tagged twice counted once, a container's writable layer measured, reclaimable = not used by a container).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SystemDfIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2();

    DockerCli docker;
    UnixHttp http;
    final List<String> made = new ArrayList<>();
    final List<String> volumes = new ArrayList<>();
    String extraTag;

    @BeforeAll
    void bindDaemon() {
        docker = BERTHD.docker();
        http = BERTHD.http();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String c : made) {
            docker.run("rm", "-f", c);
        }
        made.clear();
        for (String v : volumes) {
            docker.run("volume", "rm", "-f", v);
        }
        volumes.clear();
        if (extraTag != null) {
            docker.run("rmi", extraTag);
        }
    }

    @Test
    void df_countsSharedLayersOnce_andMeasuresWritableLayers() throws Exception {
        long imageSize = Long.parseLong(docker.ok("image", "inspect", "-f", "{{.Size}}",
                WalkingSkeletonContract.BUSYBOX).trim());
        extraTag = "fixture/busybox:df-" + UUID.randomUUID().toString().substring(0, 6);
        docker.ok("tag", WalkingSkeletonContract.BUSYBOX, extraTag);
        String stopped = "df-stopped-" + UUID.randomUUID().toString().substring(0, 6);
        String running = "df-running-" + UUID.randomUUID().toString().substring(0, 6);
        made.add(stopped);
        made.add(running);
        docker.ok("run", "--name", stopped, WalkingSkeletonContract.BUSYBOX, "dd", "if=/dev/zero", "of=/big",
                "bs=1024", "count=2048");
        docker.ok("run", "-d", "--name", running, WalkingSkeletonContract.BUSYBOX, "sleep", "1000");

        UnixHttp.Response r = http.send("GET", "/v1.41/system/df", null);
        assertEquals(200, r.status(), r.body());
        JsonNode df = JSON.readTree(r.body());
        assertEquals(imageSize, df.get("LayersSize").asLong(), r.body());
        assertEquals(1, df.get("Images").size(), "one image, tagged twice: " + r.body());
        JsonNode image = df.get("Images").get(0);
        assertEquals(2, image.get("Containers").asLong());
        assertEquals(0, image.get("SharedSize").asLong());
        assertEquals(2, image.get("RepoTags").size());
        assertEquals(0, df.get("Volumes").size());
        assertEquals(0, df.get("BuildCache").size());
        JsonNode big = null;
        for (JsonNode c : df.get("Containers")) {
            if (c.get("Names").get(0).asText().equals("/" + stopped)) {
                big = c;
            }
        }
        assertTrue(big != null, r.body());
        long rw = big.get("SizeRw").asLong();
        assertTrue(rw >= 2 << 20 && rw < 3 << 20, "SizeRw " + rw);
        assertEquals(rw + imageSize, big.get("SizeRootFs").asLong());

        // The CLI's table: the image is in use (nothing reclaimable), the stopped container's layer is.
        String table = docker.ok("system", "df", "--format", "{{.Type}}|{{.TotalCount}}|{{.Active}}|{{.Reclaimable}}");
        List<String> rows = List.of(table.trim().split("\n"));
        assertEquals("Images|1|1|0B (0%)", rows.get(0), table);
        assertTrue(rows.get(1).startsWith("Containers|2|1|2.") && rows.get(1).contains("MB"), table);
        assertEquals("Local Volumes|0|0|0B", rows.get(2), table);
        assertEquals("Build Cache|0|0|0B", rows.get(3), table);
        String verbose = docker.ok("system", "df", "-v");
        // The CLI's verbose table shows an image once, under its first tag.
        assertTrue(verbose.contains(stopped) && verbose.contains("fixture/busybox") && verbose.contains("2.1MB"),
                verbose);
    }

    @Test
    void dfVerbose_listsEachVolumeWithItsLinksAndSize() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String used = "df-used-" + suffix;
        String idle = "df-idle-" + suffix;
        String user = "df-user-" + suffix;
        volumes.add(used);
        volumes.add(idle);
        made.add(user);
        docker.ok("volume", "create", used);
        docker.ok("volume", "create", idle);
        docker.ok("run", "--rm", "-v", used + ":/data", WalkingSkeletonContract.BUSYBOX, "dd", "if=/dev/zero",
                "of=/data/f", "bs=1024", "count=3072");
        docker.ok("run", "-d", "--name", user, "-v", used + ":/data", WalkingSkeletonContract.BUSYBOX, "sleep", "1000");

        JsonNode df = JSON.readTree(http.send("GET", "/v1.41/system/df", null).body());
        JsonNode usedJson = null;
        JsonNode idleJson = null;
        for (JsonNode v : df.get("Volumes")) {
            if (v.get("Name").asText().equals(used)) {
                usedJson = v;
            } else if (v.get("Name").asText().equals(idle)) {
                idleJson = v;
            }
        }
        assertTrue(usedJson != null && idleJson != null, df.toString());
        assertEquals(3 << 20, usedJson.get("UsageData").get("Size").asLong(), "the 3 MiB file");
        assertEquals(1, usedJson.get("UsageData").get("RefCount").asLong(), "one container uses it");
        assertEquals(0, idleJson.get("UsageData").get("Size").asLong());
        assertEquals(0, idleJson.get("UsageData").get("RefCount").asLong());
        assertEquals("local", usedJson.get("Driver").asText());

        String table = docker.ok("system", "df", "--format", "{{.Type}}|{{.TotalCount}}|{{.Active}}|{{.Size}}");
        assertTrue(table.contains("Local Volumes|2|1|3.146MB"), table);
        String verbose = docker.ok("system", "df", "-v");
        String section = verbose.substring(verbose.indexOf("Local Volumes space usage:"));
        assertTrue(section.lines().anyMatch(l -> l.matches(used + "\\s+1\\s+3\\.146MB")), section);
        assertTrue(section.lines().anyMatch(l -> l.matches(idle + "\\s+0\\s+0B")), section);
    }

    @Test
    void builderPrune_reportsAnEmptyCache() throws Exception {
        String out = docker.ok("builder", "prune", "-f");
        assertTrue(out.contains("Total:") || out.contains("Total reclaimed space: 0B"), out);
        UnixHttp.Response r = http.send("POST", "/v1.41/build/prune", null);
        assertEquals(200, r.status(), r.body());
        assertEquals(0, JSON.readTree(r.body()).get("SpaceReclaimed").asLong());
    }
}
