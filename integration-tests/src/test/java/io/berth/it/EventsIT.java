package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code docker events} against a real {@code bin/berthd} with the real docker CLI: dockerd's names and
 * Actor attributes, the filters (OR within a key, AND across keys), since/until as unix seconds, RFC 3339
 * and Go durations, the history surviving a {@code kill -9} of monitor-service and a restart of berthd
 * (the journal in {@code <data-root>/monitor/}), and 50 concurrent {@code /events} readers each receiving every
 * event of 200 container create/rm in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2();

    BerthdProcess daemon;
    DockerCli docker;
    UnixHttp http;
    final List<String> made = new ArrayList<>();

    @BeforeAll
    void bindDaemon() {
        daemon = BERTHD.daemon();
        docker = BERTHD.docker();
        http = BERTHD.http();
    }

    @AfterEach
    void removeContainers() throws Exception {
        for (String c : made) {
            docker.run("rm", "-f", c);
        }
        made.clear();
    }

    String name(String prefix) {
        String n = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        made.add(n);
        return n;
    }

    /** {@code docker events --since <since> --until <until> --format '{{json .}}' [args]}, parsed. */
    List<JsonNode> events(String since, String until, String... filters) throws Exception {
        List<String> args = new ArrayList<>(List.of("events", "--since", since, "--until", until,
                "--format", "{{json .}}"));
        for (String f : filters) {
            args.add("--filter");
            args.add(f);
        }
        DockerCli.Result r = docker.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.toString());
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    static List<String> actions(List<JsonNode> events) {
        return events.stream().map(e -> e.get("Action").asText()).toList();
    }

    static String unixNow() {
        Instant n = Instant.now();
        return n.getEpochSecond() + "." + String.format("%09d", n.getNano());
    }

    @Test
    @Order(1)
    void containerLifecycle_hasDockerdsNamesAndAttributes() throws Exception {
        String since = unixNow();
        String c = name("ev-life");
        DockerCli.Result run = docker.run("run", "--name", c, "-l", "team=blue", WalkingSkeletonContract.BUSYBOX, "sh",
                "-c", "exit 3");
        assertEquals(3, run.exitCode(), run.toString());
        String id = docker.ok("inspect", "-f", "{{.Id}}", c).trim();
        docker.ok("rm", c);
        List<JsonNode> ev = events(since, unixNow(), "container=" + c);
        assertEquals(List.of("create", "attach", "start", "die", "destroy"), actions(ev), ev.toString());
        for (JsonNode e : ev) {
            assertEquals("container", e.get("Type").asText());
            assertEquals(id, e.get("Actor").get("ID").asText());
            assertEquals(id, e.get("id").asText());
            assertEquals(WalkingSkeletonContract.BUSYBOX, e.get("from").asText());
            JsonNode a = e.get("Actor").get("Attributes");
            assertEquals(c, a.get("name").asText());
            assertEquals(WalkingSkeletonContract.BUSYBOX, a.get("image").asText());
            assertEquals("blue", a.get("team").asText());
            assertEquals("local", e.get("scope").asText());
            assertEquals(e.get("time").asLong(), e.get("timeNano").asLong() / 1_000_000_000L);
        }
        assertEquals("3", ev.get(3).get("Actor").get("Attributes").get("exitCode").asText());
    }

    @Test
    @Order(2)
    void filters_orWithinAKey_andAcrossKeys() throws Exception {
        String since = unixNow();
        String a = name("ev-fa");
        String b = name("ev-fb");
        docker.ok("create", "--name", a, "-l", "app=x", WalkingSkeletonContract.BUSYBOX, "true");
        docker.ok("create", "--name", b, "-l", "app=y", WalkingSkeletonContract.BUSYBOX, "true");
        docker.ok("start", a);
        docker.ok("rm", "-f", a, b);
        String until = unixNow();
        // OR within "event", AND with "container".
        List<JsonNode> ev = events(since, until, "container=" + a, "event=create", "event=destroy");
        assertEquals(List.of("create", "destroy"), actions(ev), ev.toString());
        // OR within "container".
        ev = events(since, until, "container=" + a, "container=" + b, "event=create");
        assertEquals(List.of(a, b), ev.stream().map(e -> e.get("Actor").get("Attributes").get("name").asText())
                .toList());
        // label=key=value, AND with type.
        ev = events(since, until, "label=app=y", "type=container");
        assertTrue(ev.size() >= 2, ev.toString());
        assertTrue(ev.stream().allMatch(e -> e.get("Actor").get("Attributes").get("name").asText().equals(b)),
                ev.toString());
        // image=, and a type that matches nothing here.
        assertTrue(events(since, until, "image=" + WalkingSkeletonContract.BUSYBOX, "container=" + a).size() >= 3);
        assertEquals(List.of(), events(since, until, "type=volume", "container=" + a));
    }

    @Test
    @Order(3)
    void sinceAndUntil_acceptGoDurationsAndRfc3339() throws Exception {
        String c = name("ev-time");
        docker.ok("create", "--name", c, WalkingSkeletonContract.BUSYBOX, "true");
        Thread.sleep(1100); // the CLI turns "--until 0s" into whole unix seconds: let this second pass
        // The CLI turns durations into unix seconds.
        assertEquals(List.of("create"), actions(events("1h", "0s", "container=" + c, "event=create")));
        String rfc = Instant.now().minus(Duration.ofMinutes(5)).toString();
        assertEquals(List.of("create"), actions(events(rfc, "0s", "container=" + c, "event=create")));
        // Raw API: a Go duration and an RFC 3339 time are taken as well.
        String q = "/v1.41/events?since=1h&until=" + URLEncoder.encode(Instant.now().plusMillis(500).toString(),
                StandardCharsets.UTF_8) + "&filters=" + URLEncoder.encode("{\"container\":[\"" + c + "\"]}",
                StandardCharsets.UTF_8);
        UnixHttp.Response r = http.send("GET", q, null);
        assertEquals(200, r.status(), r.body());
        assertTrue(r.body().contains("\"Action\":\"create\""), r.body());
        UnixHttp.Response bad = http.send("GET", "/v1.41/events?since=yesterday", null);
        assertEquals(400, bad.status(), bad.body());
        assertTrue(bad.body().startsWith("{\"message\":"), bad.body());
    }

    @Test
    @Order(4)
    void history_survivesKill9OfTheMonitor_andABerthdRestart() throws Exception {
        String since = unixNow();
        String c = name("ev-keep");
        docker.ok("create", "--name", c, WalkingSkeletonContract.BUSYBOX, "true");
        docker.ok("rm", c);
        List<String> before = actions(events(since, unixNow(), "container=" + c));
        assertEquals(List.of("create", "destroy"), before);
        long monitor = daemon.servicePid("io.berth.monitor.MonitorMain");
        ProcessHandle.of(monitor).orElseThrow().destroyForcibly();
        // berthd restarts it after its back-off; the history is read back from the journal.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        List<String> after = List.of();
        while (Instant.now().isBefore(deadline)) {
            DockerCli.Result r = docker.run("events", "--since", since, "--until", unixNow(), "--filter",
                    "container=" + c, "--format", "{{.Action}}");
            if (r.exitCode() == 0 && !r.stdout().isBlank()) {
                after = List.of(r.stdout().trim().split("\n"));
                break;
            }
            Thread.sleep(500);
        }
        assertNotEquals(monitor, daemon.servicePid("io.berth.monitor.MonitorMain"));
        assertEquals(before, after);
        assertTrue(Files.list(daemon.dataRoot.resolve("monitor")).findAny().isPresent());

        assertEquals(0, daemon.stop());
        daemon.start();
        assertEquals(before, actions(events(since, unixNow(), "container=" + c)));
    }

    @Test
    @Order(5)
    void fiftyReaders_eachReceiveEveryEventOf200CreateRm_inOrder() throws Exception {
        String prefix = "ev-many-" + UUID.randomUUID().toString().substring(0, 6);
        String filters = URLEncoder.encode("{\"type\":[\"container\"]}", StandardCharsets.UTF_8);
        List<EventReader> readers = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                readers.add(EventReader.open(daemon.socket, "/v1.41/events?filters=" + filters));
            }
            // Every reader is subscribed once it has seen this container's create.
            String sentinel = name(prefix + "-sentinel");
            docker.ok("create", "--name", sentinel, WalkingSkeletonContract.BUSYBOX, "true");
            for (EventReader r : readers) {
                r.awaitName(sentinel + "/create", Duration.ofSeconds(60));
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String n = prefix + "-" + i;
                UnixHttp.Response created = http.send("POST", "/v1.41/containers/create?name=" + n,
                        "{\"Image\":\"" + WalkingSkeletonContract.BUSYBOX + "\",\"Cmd\":[\"true\"]}");
                assertEquals(201, created.status(), created.body());
                UnixHttp.Response removed = http.send("DELETE", "/v1.41/containers/" + n, null);
                assertEquals(204, removed.status(), removed.body());
                expected.add(n + "/create");
                expected.add(n + "/destroy");
            }
            String last = expected.get(expected.size() - 1);
            for (EventReader r : readers) {
                r.awaitName(last, Duration.ofSeconds(120));
                List<String> got = r.seen().stream().filter(s -> s.startsWith(prefix + "-")
                        && !s.startsWith(prefix + "-sentinel")).toList();
                assertEquals(expected, got, "reader " + readers.indexOf(r));
            }
        } finally {
            readers.forEach(EventReader::close);
        }
    }

    /** One raw {@code GET /events} stream read on its own thread: "name/action" of each event, in order. */
    static final class EventReader implements AutoCloseable {
        private final SocketChannel channel;
        private final List<String> seen = new CopyOnWriteArrayList<>();
        private final Thread thread;

        private EventReader(SocketChannel channel) {
            this.channel = channel;
            this.thread = new Thread(this::read, "events-reader");
            this.thread.setDaemon(true);
        }

        static EventReader open(Path socket, String path) throws IOException {
            SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            EventReader r = new EventReader(ch);
            r.thread.start();
            return r;
        }

        private void read() {
            try {
                InputStream in = Channels.newInputStream(channel);
                String status = line(in);
                if (!status.contains(" 200 ")) {
                    seen.add("HTTP " + status);
                    return;
                }
                while (!line(in).isEmpty()) {
                    // headers
                }
                StringBuilder pending = new StringBuilder();
                for (int n = Integer.parseInt(line(in).trim(), 16); n > 0; n = Integer.parseInt(line(in).trim(), 16)) {
                    pending.append(new String(in.readNBytes(n), StandardCharsets.UTF_8));
                    line(in);
                    int nl;
                    while ((nl = pending.indexOf("\n")) >= 0) {
                        JsonNode e = JSON.readTree(pending.substring(0, nl));
                        pending.delete(0, nl + 1);
                        seen.add(e.get("Actor").get("Attributes").path("name").asText() + "/"
                                + e.get("Action").asText());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // closed by the test
            }
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            if (c < 0 && b.length() == 0) {
                throw new IOException("end of stream");
            }
            return b.toString();
        }

        List<String> seen() {
            return List.copyOf(seen);
        }

        void awaitName(String nameAction, Duration timeout) throws InterruptedException {
            Instant deadline = Instant.now().plus(timeout);
            while (!seen.contains(nameAction)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("no " + nameAction + " after " + timeout + "; saw " + seen.size()
                            + " events, the last: " + seen.subList(Math.max(0, seen.size() - 3), seen.size()));
                }
                Thread.sleep(20);
            }
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
