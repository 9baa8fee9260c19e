package io.berth.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's headless chromium on one page, driven through the Chrome DevTools Protocol over its websocket
 * (JDK's {@link WebSocket}): {@code chromium --headless --no-sandbox --disable-gpu --remote-debugging-port=0
 * --user-data-dir <temp> <url>}; the port comes from the "DevTools listening on ws://..." line chromium
 * prints, the page's socket from {@code /json/list}. {@link #evaluate} runs {@code Runtime.evaluate} with
 * {@code returnByValue}; {@link #screenshot} is {@code Page.captureScreenshot} (PNG). A page that keeps a
 * server-sent-events stream open never finishes loading, so {@code --dump-dom} with a virtual time budget
 * cannot be used for it. {@link #close} kills chromium and its children and removes the profile.
 */
final class Chromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();

    private Chromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /**
     * @param url the page to open
     * @return chromium showing it (the page may still be loading)
     */
    static Chromium open(String url) throws Exception {
        Path profile = Files.createTempDirectory("berth-chromium-");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--window-size=1280,900", "--remote-debugging-port=0", "--user-data-dir=" + profile, url)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            int port = devToolsPort(p);
            HttpClient http = HttpClient.newHttpClient();
            String wsUrl = null;
            for (int i = 0; i < 100 && wsUrl == null; i++) {
                JsonNode list = JSON.readTree(http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode t : list) {
                    if ("page".equals(t.path("type").asText()) && t.path("url").asText().startsWith(url)) {
                        wsUrl = t.path("webSocketDebuggerUrl").asText();
                    }
                }
                if (wsUrl == null) {
                    Thread.sleep(100);
                }
            }
            if (wsUrl == null) {
                throw new AssertionError("chromium shows no page for " + url);
            }
            Chromium[] self = new Chromium[1];
            StringBuilder partial = new StringBuilder();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(wsUrl), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        self[0].received(partial.toString());
                        partial.setLength(0);
                    }
                    w.request(1);
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
            self[0] = new Chromium(p, profile, ws);
            return self[0];
        } catch (Exception | AssertionError e) {
            kill(p);
            deleteTree(profile);
            throw e;
        }
    }

    private static int devToolsPort(Process p) throws IOException {
        Pattern ws = Pattern.compile("DevTools listening on ws://[^:]+:(\\d+)/");
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = err.readLine()) != null) {
            Matcher m = ws.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        err.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException e) {
                        // chromium gone
                    }
                }, "chromium-stderr");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("chromium exited without a DevTools port:\n" + seen);
    }

    private void received(String text) {
        try {
            JsonNode msg = JSON.readTree(text);
            CompletableFuture<JsonNode> f = msg.has("id") ? calls.remove(msg.get("id").asInt()) : null;
            if (f != null) {
                f.complete(msg);
            }
        } catch (IOException e) {
            // not JSON: ignore
        }
    }

    /**
     * @param method a DevTools method
     * @param params its parameters
     * @return the answer's {@code result}
     * @throws AssertionError on an {@code error} answer
     */
    JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        calls.put(id, f);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params);
        socket.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
        JsonNode answer = f.get(60, TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new AssertionError(method + ": " + answer.get("error"));
        }
        return answer.get("result");
    }

    /**
     * @param expression JavaScript
     * @return its value (JSON)
     */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new AssertionError(expression + ": " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /**
     * @param x the clip's left, CSS pixels
     * @param y its top
     * @param width its width
     * @param height its height
     * @return a PNG of that part of the page
     */
    byte[] screenshot(double x, double y, double width, double height) throws Exception {
        ObjectNode params = JSON.createObjectNode().put("format", "png");
        params.putObject("clip").put("x", x).put("y", y).put("width", width).put("height", height).put("scale", 1);
        return Base64.getDecoder().decode(call("Page.captureScreenshot", params).get("data").asText());
    }

    /** @return a PNG of the whole window */
    byte[] screenshot() throws Exception {
        return Base64.getDecoder().decode(call("Page.captureScreenshot",
                JSON.createObjectNode().put("format", "png")).get("data").asText());
    }

    /**
     * Polls until a JavaScript expression is true.
     *
     * @param expression JavaScript giving a boolean
     * @param timeout how long at most
     */
    void await(String expression, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (evaluate(expression).asBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("never true in the page: " + expression);
    }

    @Override
    public void close() throws IOException {
        socket.abort();
        kill(process);
        deleteTree(profile);
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
