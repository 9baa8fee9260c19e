package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * overlay2 with more layers than one mount(2) page of options can name (issue 11): an image of 131 layers made
 * by committing 130 times, each commit on a container of the previous image with one new file, then run with
 * the real docker CLI. Each lower directory is a short {@code l/<ID>} link, but on the test's data root the
 * 131 of them still take about 9 KB, so the container's root is mounted through the new mount API's
 * {@code lowerdir+} (common's {@code OverlayMount}). To stay fast the loop uses the API directly (create,
 * {@code PUT /containers/{id}/archive}, {@code POST /commit}, delete: no container is started) and commits
 * untagged images except the last, so one {@code rmi} removes the whole chain.
 */
class DeepImageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COMMITS = 130;

    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2();

    private String ref;
    private String container;

    @AfterEach
    void cleanUp() throws Exception {
        if (container != null) {
            BERTHD.http().send("DELETE", "/v1.41/containers/" + container + "?force=1", null);
        }
        if (ref != null) {
            BERTHD.docker().run("rmi", "-f", ref);
        }
    }

    private static byte[] tarWithFile(String name, String content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            byte[] b = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(b.length);
            e.setMode(0644);
            tar.putArchiveEntry(e);
            tar.write(b);
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    @Test
    void commitLoop_130Layers_theImageRunsWithFilesOfItsFirstAndLastLayers() throws Exception {
        UnixHttp http = BERTHD.http();
        ref = "deep-" + UUID.randomUUID().toString().substring(0, 8) + ":top";
        String image = WalkingSkeletonContract.BUSYBOX;
        int baseLayers = JSON.readTree(BERTHD.docker().ok("image", "inspect", image)).get(0)
                .at("/RootFS/Layers").size();
        long start = System.nanoTime();
        for (int i = 1; i <= COMMITS; i++) {
            UnixHttp.Response created = http.send("POST", "/v1.41/containers/create",
                    "{\"Image\":\"" + image + "\",\"Cmd\":[\"true\"]}");
            assertEquals(201, created.status(), created.body());
            container = JSON.readTree(created.body()).get("Id").asText();
            UnixHttp.Response put = http.send("PUT", "/v1.41/containers/" + container + "/archive?path=/",
                    tarWithFile("layer-" + i, Integer.toString(i)), "application/x-tar");
            assertEquals(200, put.status(), put.body());
            String query = i == COMMITS ? "&repo=" + ref.substring(0, ref.indexOf(':')) + "&tag=top" : "";
            UnixHttp.Response commit = http.send("POST", "/v1.41/commit?container=" + container + query, "{}");
            assertEquals(201, commit.status(), commit.body());
            image = JSON.readTree(commit.body()).get("Id").asText();
            UnixHttp.Response rm = http.send("DELETE", "/v1.41/containers/" + container, null);
            assertEquals(204, rm.status(), rm.body());
            container = null;
        }
        long loopMillis = (System.nanoTime() - start) / 1_000_000;

        JsonNode inspect = JSON.readTree(BERTHD.docker().ok("image", "inspect", ref)).get(0);
        assertEquals(image, inspect.get("Id").asText());
        assertEquals(baseLayers + COMMITS, inspect.at("/RootFS/Layers").size(), inspect.at("/RootFS").toString());
        assertEquals(COMMITS + 1, BERTHD.docker().ok("history", "-q", ref).strip().split("\n").length);
        assertEquals("1 130\n", BERTHD.docker().ok("run", "--rm", ref, "sh", "-c",
                "echo $(cat /layer-1) $(cat /layer-" + COMMITS + ")"));
        System.out.println("DeepImageIT: " + COMMITS + " create/put/commit/rm rounds took " + loopMillis + " ms");
    }
}
