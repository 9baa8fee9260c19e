package io.berth.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fuzz IT's request maker: seeds are the requests real clients sent, read from section 5 of
 * {@code shared/reference/docker-api-usage.md} (method, path with query, the headers the capture shows, the JSON body
 * where the capture has it, repaired where the capture cut it), and each {@link #next} is one seed with the test's
 * names filled in and, mostly, one mutation: JSON value types, lengths, huge numbers, invalid UTF-8 and lone
 * surrogates, deep nesting, truncated bodies, query and path garbage, long IDs, Content-Type, Host and
 * Content-Length games, bad chunking, HTTP versions, methods, and random bytes. Every choice comes from one seeded
 * {@link Random}, so a seed replays the same requests.
 */
final class FuzzRequests {
    /** One seed: what a real client sent. */
    record Seed(String method, String target, Map<String, String> headers, String body) {
    }

    /**
     * One request to send.
     *
     * @param label what it is, for the report (seed + mutation)
     * @param route the seed's method and path template (names replaced by {x}), for the allow list
     * @param bytes the bytes to write
     * @param expectAnswer false when the request is incomplete on purpose (the server rightly waits for more)
     */
    record Request(String label, String route, byte[] bytes, boolean expectAnswer) {
    }

    /** What the test made for the requests to name. */
    record Names(String container, String containerId, String image, String imageId, String exec, String volume) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINE = Pattern.compile(
            "^c\\d+\\s+(GET|POST|PUT|DELETE|HEAD)\\s+(\\S+)\\s*(?:\\[(.*?)\\])?\\s*→.*$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[0-9a-f]{6}…\\}");
    /** Fields a mutation could turn into a host path or a privilege: removed from create bodies. */
    private static final List<String> UNSAFE = List.of("Binds", "Mounts", "Devices", "VolumesFrom", "Privileged",
            "CapAdd", "PidMode", "IpcMode", "UTSMode", "NetworkMode", "CgroupParent", "SecurityOpt", "Sysctls",
            "DeviceCgroupRules", "Volumes", "Init");

    private final List<Seed> seeds;
    private final Random random;
    private final Names names;

    FuzzRequests(List<Seed> seeds, Random random, Names names) {
        this.seeds = seeds;
        this.random = random;
        this.names = names;
    }

    /**
     * @param usage the reference file
     * @return its section-5 requests (hijacked and streaming ones included), de-duplicated
     */
    static List<Seed> seeds(Path usage) throws IOException {
        List<String> lines = Files.readAllLines(usage, StandardCharsets.UTF_8);
        Map<String, Seed> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINE.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            if (m.group(3) != null) {
                for (String h : m.group(3).split("; ")) {
                    int colon = h.indexOf(": ");
                    if (colon > 0 && !h.contains("(") && !h.startsWith("Transfer-Encoding")) {
                        headers.put(h.substring(0, colon), h.substring(colon + 2));
                    }
                }
            }
            String body = null;
            if (i + 1 < lines.size() && lines.get(i + 1).trim().startsWith("req body: ")) {
                body = repair(lines.get(i + 1).trim().substring("req body: ".length()));
            }
            String target = PLACEHOLDER.matcher(m.group(2)).replaceAll("{x}");
            Seed s = new Seed(m.group(1), target, headers, body);
            out.putIfAbsent(s.method() + " " + s.target() + " " + (body == null ? "" : body.length()), s);
        }
        return List.copyOf(out.values());
    }

    /**
     * The capture cuts long bodies ({@code ...(1742 bytes)}): keeps the JSON up to the last member that ended and
     * closes what is open, so the seed is the real client's JSON minus its tail.
     *
     * @param captured the body as the capture shows it
     * @return valid JSON, or null if nothing of it is
     */
    static String repair(String captured) {
        String s = captured.replaceFirst("\\.\\.\\.\\(\\d+ bytes\\)$", "");
        if (valid(s)) {
            return s;
        }
        List<Character> stack = new ArrayList<>();
        int cut = -1;
        String closers = "";
        boolean inString = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{', '[' -> stack.add(c);
                case '}', ']' -> stack.remove(stack.size() - 1);
                case ',' -> {
                    cut = i;
                    StringBuilder b = new StringBuilder();
                    for (int k = stack.size() - 1; k >= 0; k--) {
                        b.append(stack.get(k) == '{' ? '}' : ']');
                    }
                    closers = b.toString();
                }
                default -> { }
            }
        }
        if (cut < 0) {
            return null;
        }
        String fixed = s.substring(0, cut) + closers;
        return valid(fixed) ? fixed : null;
    }

    private static boolean valid(String s) {
        try {
            JSON.readTree(s);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the next request: a seed, named for this daemon, usually mutated */
    Request next() {
        Seed seed = seeds.get(random.nextInt(seeds.size()));
        String route = seed.method() + " " + seed.target().replaceAll("\\?.*", "");
        String target = fill(seed.target());
        String method = seed.method();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "api.moby.localhost");
        headers.putAll(seed.headers());
        byte[] body = seed.body() == null ? new byte[0] : safeBody(seed.body()).getBytes(StandardCharsets.UTF_8);
        String version = "HTTP/1.1";
        boolean expectAnswer = true;
        boolean chunked = false;
        String mutation;
        int kind = random.nextInt(23);
        switch (kind) {
            case 0, 1 -> mutation = "as captured";
            case 2, 3, 4 -> {
                if (body.length > 0) {
                    body = mutateJson(new String(body, StandardCharsets.UTF_8));
                    mutation = "json value";
                } else {
                    body = randomJson(0).toString().getBytes(StandardCharsets.UTF_8);
                    headers.put("Content-Type", "application/json");
                    mutation = "json body added";
                }
            }
            case 5 -> {
                body = body.length == 0 ? "{\"a\":".getBytes(StandardCharsets.UTF_8)
                        : java.util.Arrays.copyOf(body, random.nextInt(body.length));
                mutation = "truncated body";
            }
            case 6 -> {
                target = mutateQuery(target);
                mutation = "query";
            }
            case 7 -> {
                target = mutatePath(target);
                mutation = "path";
            }
            case 8 -> {
                String[] types = {"text/plain", "application/json; charset=latin1", "", "application/x-tar",
                        "application/json\u0000", "multipart/form-data; boundary=x"};
                headers.put("Content-Type", types[random.nextInt(types.length)]);
                if (body.length == 0) {
                    body = "{}".getBytes(StandardCharsets.UTF_8);
                }
                mutation = "content type";
            }
            case 9 -> {
                switch (random.nextInt(4)) {
                    case 0 -> headers.remove("Host");
                    case 1 -> headers.put("X-Big", "v".repeat(random.nextBoolean() ? 70_000 : 1_100_000));
                    case 2 -> headers.put("X-Registry-Auth", randomText(random.nextInt(300)));
                    default -> headers.put("Bad Header", "x");
                }
                mutation = "header";
            }
            case 10 -> {
                chunked = true;
                mutation = "chunked body";
            }
            case 11 -> {
                String[] versions = {"HTTP/1.0", "HTTP/9.9", "HTTP/2.0", "HTTP/1", "HTTX/1.1", "HTTP/1.1 extra"};
                version = versions[random.nextInt(versions.length)];
                mutation = "version " + version;
            }
            case 12 -> {
                String[] methods = {"PATCH", "OPTIONS", "GET", "DELETE", "PUT", "TRACE", "G ET", "get", "POST"};
                method = methods[random.nextInt(methods.length)];
                mutation = "method " + method;
            }
            case 13 -> {
                return new Request("random bytes", route, randomBytes(), false);
            }
            case 14 -> {
                body = hugeJson(seed.body());
                headers.put("Content-Type", "application/json");
                mutation = "huge json";
            }
            case 15 -> {
                int declared = body.length + 1 + random.nextInt(100);
                return new Request(label(seed, "content-length " + declared + " > body"), route,
                        request(method, target, version, headers, body, false, declared), false);
            }
            case 16 -> {
                headers.put("Content-Length", "-1");
                mutation = "negative content-length";
                return new Request(label(seed, mutation), route, request(method, target, version, headers, body,
                        false, -2), true);
            }
            case 17 -> {
                body = invalidUtf8(body);
                mutation = "invalid utf-8 body";
            }
            case 18 -> {
                target = target + (target.contains("?") ? "&" : "?") + "x=" + "%ff%fe%00".repeat(random.nextInt(50));
                mutation = "invalid utf-8 query";
            }
            case 20 -> {
                body = uploadGarbage();
                headers.put("Content-Type", random.nextBoolean() ? "application/x-tar" : "application/json");
                if (seed.method().equals("GET") || seed.method().equals("HEAD")) {
                    method = "PUT";
                    target = "/v1.41/containers/" + names.container() + "/archive?path=" + pick("/", "/tmp", "/nosuch",
                            "/etc/passwd", "..%2f..%2f");
                } else if (random.nextBoolean()) {
                    target = pick("/v1.41/images/load?quiet=1", "/v1.41/images/create?fromSrc=-&repo=fuzz/import",
                            "/v1.41/containers/" + names.container() + "/archive?path=/tmp");
                    method = target.contains("archive") ? "PUT" : "POST";
                }
                mutation = "upload garbage";
            }
            case 21 -> {
                String auth = pick("{\"username\":1}", "{", "null", "[]", "{\"username\":\"" + "u".repeat(100_000) + "\"}",
                        randomText(50));
                headers.put("X-Registry-Auth", java.util.Base64.getUrlEncoder().encodeToString(
                        auth.getBytes(StandardCharsets.UTF_8)));
                mutation = "registry auth";
            }
            case 22 -> {
                byte[] first = request(method, target, version, headers, body, false, -1);
                byte[] second = request(method, mutateQuery(target), version, headers,
                        body.length > 0 ? mutateJson(new String(body, StandardCharsets.UTF_8)) : body, false, -1);
                byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
                System.arraycopy(second, 0, both, first.length, second.length);
                return new Request(label(seed, "pipelined pair"), route, both, true);
            }
            default -> {
                target = mutatePath(mutateQuery(target));
                body = body.length > 0 ? mutateJson(new String(body, StandardCharsets.UTF_8)) : body;
                mutation = "path, query and json";
            }
        }
        return new Request(label(seed, mutation), route, request(method, target, version, headers, body, chunked,
                -1), expectAnswer);
    }

    private static String label(Seed seed, String mutation) {
        return seed.method() + " " + seed.target() + " [" + mutation + "]";
    }

    /** Replaces the capture's names by this daemon's. */
    private String fill(String target) {
        String t = target;
        t = t.replaceAll("/images/sha256:\\{x\\}", "/images/" + pick(names.imageId(), names.image(), "sha256:"
                + hex(64)));
        t = t.replaceAll("/images/(capbb:full|capcommit:v1|127\\.0\\.0\\.1:5000/capbb:pushed|[a-z0-9.:/_-]+(?=/(json|tag|push|history)))",
                "/images/" + pick(names.image(), names.imageId(), "nosuch:1"));
        t = t.replaceAll("/containers/(\\{x\\}|cap[a-z0-9_]*)", "/containers/" + pick(names.container(),
                names.containerId(), hex(64), "nosuch"));
        t = t.replaceAll("/exec/\\{x\\}", "/exec/" + pick(names.exec(), hex(64)));
        t = t.replaceAll("/volumes/(cap[a-z0-9_]*)", "/volumes/" + pick(names.volume(), "nosuch"));
        t = t.replace("capbb:full", names.image()).replace("capbb", "fuzz/img");
        return t.replace("{x}", hex(12));
    }

    private String pick(String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private String hex(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(Character.forDigit(random.nextInt(16), 16));
        }
        return b.toString();
    }

    /** The seed's JSON with this daemon's image and without the fields a mutation could make dangerous. */
    private String safeBody(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            scrub(n);
            return JSON.writeValueAsString(n).replace("capbb:full", names.image());
        } catch (IOException e) {
            return body;
        }
    }

    private static void scrub(JsonNode n) {
        if (n instanceof ObjectNode o) {
            UNSAFE.forEach(o::remove);
            o.elements().forEachRemaining(FuzzRequests::scrub);
        }
    }

    private byte[] mutateJson(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode parent = containers.get(random.nextInt(containers.size()));
            if (parent instanceof ObjectNode o && o.size() > 0) {
                List<String> keys = new ArrayList<>();
                o.fieldNames().forEachRemaining(keys::add);
                String key = keys.get(random.nextInt(keys.size()));
                o.set(key, randomValue());
            } else if (parent instanceof ArrayNode a && a.size() > 0) {
                a.set(random.nextInt(a.size()), randomValue());
            } else if (parent instanceof ObjectNode o) {
                o.set(randomText(8), randomValue());
            }
            scrub(root);
            String text = JSON.writeValueAsString(root);
            if (random.nextInt(4) == 0) {
                return invalidUtf8(text.getBytes(StandardCharsets.UTF_8));
            }
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }

    private JsonNode randomValue() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(14)) {
            case 0 -> f.nullNode();
            case 1 -> f.booleanNode(random.nextBoolean());
            case 2 -> f.numberNode(random.nextLong());
            case 3 -> f.numberNode(new java.math.BigInteger("18446744073709551616"));
            case 4 -> f.numberNode(new java.math.BigDecimal("1e400"));
            case 5 -> f.numberNode(-1);
            case 6 -> f.numberNode(1.5);
            case 7 -> f.textNode(randomText(random.nextInt(40)));
            case 8 -> f.textNode("x".repeat(random.nextInt(200_000)));
            case 9 -> f.textNode("\ud800" + randomText(3));
            case 10 -> randomJson(0);
            case 11 -> {
                ArrayNode a = f.arrayNode();
                for (int i = 0; i < random.nextInt(5); i++) {
                    a.add(randomText(5));
                }
                yield a;
            }
            case 12 -> f.textNode("../../../../etc/passwd");
            default -> f.textNode("-1");
        };
    }

    private JsonNode randomJson(int depth) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            o.set(randomText(6), depth < 3 && random.nextBoolean() ? randomJson(depth + 1)
                    : JsonNodeFactory.instance.textNode(randomText(6)));
        }
        return o;
    }

    private byte[] hugeJson(String seedBody) {
        StringBuilder b = new StringBuilder();
        switch (random.nextInt(3)) {
            case 0 -> {
                int depth = 2_000 + random.nextInt(100_000);
                b.append("[".repeat(depth)).append("]".repeat(depth));
            }
            case 1 -> b.append("{\"Image\":\"").append("a".repeat(1_000_000 + random.nextInt(3_000_000))).append("\"}");
            default -> {
                b.append("{\"Env\":[");
                for (int i = 0; i < 50_000; i++) {
                    b.append(i == 0 ? "" : ",").append("\"K").append(i).append("=v\"");
                }
                b.append("],\"Image\":\"").append(names.image()).append("\"}");
            }
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String mutateQuery(String target) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        List<String> params = new ArrayList<>(query.isEmpty() ? List.of() : List.of(query.split("&")));
        String[] values = {"", "-1", "abc", "1e99", "18446744073709551616", "%", "%zz", "{", "{\"a\":", "true",
                "[]", "%7B%22label%22%3A%7B%22a%22%3Atrue%7D%7D", "x".repeat(10_000), "0x10", "1h", "..%2f..%2f"};
        if (params.isEmpty() || random.nextBoolean()) {
            String[] keys = {"all", "filters", "name", "t", "signal", "since", "until", "tail", "follow", "stream",
                    "force", "v", "fromImage", "tag", "repo", "h", "w", "path", "condition", "size", "limit",
                    "platform", "detachKeys", "changes", "ps_args"};
            params.add(keys[random.nextInt(keys.length)] + "=" + values[random.nextInt(values.length)]);
        } else {
            int i = random.nextInt(params.size());
            String p = params.get(i);
            int eq = p.indexOf('=');
            params.set(i, (eq < 0 ? p : p.substring(0, eq)) + "=" + values[random.nextInt(values.length)]);
        }
        return path + "?" + String.join("&", params);
    }

    private String mutatePath(String target) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String rest = q < 0 ? "" : target.substring(q);
        String[] segments = path.split("/", -1);
        int i = 1 + random.nextInt(Math.max(1, segments.length - 1));
        String[] garbage = {"..", "%2e%2e", "%00", "%zz", "x".repeat(10_000), "%ff%fe", "a%2Fb", "", "v9.99",
                "v1.99", "\u00e9t\u00e9", "*", "json%3F", hex(64) + "x"};
        if (i < segments.length) {
            segments[i] = garbage[random.nextInt(garbage.length)];
        }
        return String.join("/", segments) + rest;
    }

    private String randomText(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append((char) (32 + random.nextInt(95)));
        }
        return b.toString();
    }

    private byte[] randomBytes() {
        byte[] b = new byte[1 + random.nextInt(4096)];
        random.nextBytes(b);
        if (random.nextBoolean()) {
            byte[] line = ("GET /" + randomText(10) + " HTTP/1.1\r\n").getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(line, 0, b, 0, Math.min(line.length, b.length));
        }
        return b;
    }

    /** A body for the routes that take a tar (archive, load, import): garbage, a torn or lying tar, bad gzip. */
    private byte[] uploadGarbage() {
        byte[] header = new byte[512];
        byte[] name = pick("../../etc/x", "a", "/abs", "x".repeat(100), "dir/").getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, header, 0, Math.min(100, name.length));
        System.arraycopy("0000644\u0000".getBytes(StandardCharsets.US_ASCII), 0, header, 100, 8);
        String size = pick("00000000012\u0000", "77777777777\u0000", "zzzzzzzzzzz\u0000", "-0000000001\u0000");
        System.arraycopy(size.getBytes(StandardCharsets.US_ASCII), 0, header, 124, 12);
        header[156] = (byte) pick("0", "1", "2", "5", "L", "x", "3").charAt(0);
        System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 8);
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += (i >= 148 && i < 156) ? 32 : (header[i] & 0xff);
        }
        if (random.nextBoolean()) {
            sum++;
        }
        System.arraycopy(String.format("%06o\u0000 ", sum).getBytes(StandardCharsets.US_ASCII), 0, header, 148, 8);
        return switch (random.nextInt(5)) {
            case 0 -> randomBytes();
            case 1 -> header;
            case 2 -> java.util.Arrays.copyOf(header, 512 + random.nextInt(1500));
            case 3 -> new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3};
            default -> java.util.Arrays.copyOf(header, 2048);
        };
    }

    private byte[] invalidUtf8(byte[] body) {
        byte[] out = body.clone();
        int n = 1 + random.nextInt(4);
        for (int k = 0; k < n && out.length > 0; k++) {
            out[random.nextInt(out.length)] = (byte) (0x80 + random.nextInt(0x80));
        }
        return out.length == 0 ? new byte[] {(byte) 0xff, (byte) 0xfe} : out;
    }

    /**
     * @param declared -1: the right Content-Length (none without a body); -2: leave the caller's header; else that
     *     number
     */
    private byte[] request(String method, String target, String version, Map<String, String> headers, byte[] body,
                           boolean chunked, int declared) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(' ').append(version)
                .append("\r\n");
        Map<String, String> h = new LinkedHashMap<>(headers);
        if (chunked) {
            h.put("Transfer-Encoding", "chunked");
            h.remove("Content-Length");
        } else if (declared >= 0) {
            h.put("Content-Length", Integer.toString(declared));
        } else if (declared == -1 && (body.length > 0 || method.equals("POST") || method.equals("PUT"))) {
            h.put("Content-Length", Integer.toString(body.length));
        }
        h.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (chunked) {
            out.writeBytes(chunks(body));
        } else {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private byte[] chunks(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Function<String, byte[]> ascii = s -> s.getBytes(StandardCharsets.ISO_8859_1);
        switch (random.nextInt(6)) {
            case 0 -> { // well-formed, small chunks
                for (int i = 0; i < body.length; i += 7) {
                    int n = Math.min(7, body.length - i);
                    out.writeBytes(ascii.apply(Integer.toHexString(n) + "\r\n"));
                    out.write(body, i, n);
                    out.writeBytes(ascii.apply("\r\n"));
                }
                out.writeBytes(ascii.apply("0\r\n\r\n"));
            }
            case 1 -> out.writeBytes(ascii.apply("zz\r\n" + new String(body, StandardCharsets.ISO_8859_1) + "\r\n0\r\n\r\n"));
            case 2 -> out.writeBytes(ascii.apply("fffffffffffffffff\r\nabc\r\n0\r\n\r\n"));
            case 3 -> out.writeBytes(ascii.apply("-5\r\nabc\r\n0\r\n\r\n"));
            case 4 -> { // chunk longer than announced
                out.writeBytes(ascii.apply("2\r\n"));
                out.writeBytes(body);
                out.writeBytes(ascii.apply("\r\n0\r\n\r\n"));
            }
            default -> out.writeBytes(ascii.apply(Integer.toHexString(body.length) + ";ext=\"\u0001\"\r\n"
                    + new String(body, StandardCharsets.ISO_8859_1) + "\r\n0\r\nTrailer: x\r\n\r\n"));
        }
        return out.toByteArray();
    }
}
