package io.berth.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.berth.common.grpc.RequestIds;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The log of one Docker API request, under its request ID ({@link RequestIds#newId}, sent on to the services
 * as gRPC metadata): at INFO one line when the response is complete (or the connection closed, for streams
 * and hijacked connections): {@code POST /v1.41/containers/create -> 201 in 12 ms id=3fa0c1d2e4b5};
 * with {@code -D} (DEBUG) also a line when the request arrives, with its JSON body, as dockerd's debug
 * middleware logs {@code form data: ...}: fields named as secrets ({@link #SECRET_NAMES}, any name ending in
 * password, key, token or secret) are replaced with {@code *****}; headers (X-Registry-Auth,
 * Authorization) are never logged; bodies that are not JSON or larger than {@value #MAX_LOGGED_BODY} bytes
 * are logged by size only. Status 0 in the line means no response was sent (the client went away).
 */
public final class RequestLog {
    private static final Logger LOG = LogManager.getLogger(RequestLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The largest request body logged with {@code -D}, bytes (dockerd: 1 MiB). */
    static final int MAX_LOGGED_BODY = 64 * 1024;
    /** Field names redacted wherever they appear (case-insensitive; moby's maskSecretKeys list and berth's). */
    static final Set<String> SECRET_NAMES = Set.of("data", "jointoken", "password", "secret", "signingcakey",
            "unlockkey", "auth", "identitytoken", "registrytoken", "key");
    static final String MASK = "*****";

    private final String id;
    private final String method;
    private final String uri;
    private final long started = System.nanoTime();
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile int status;
    /** Log the request line at DEBUG instead of INFO (a {@link Route#asQuick()} route such as /_ping). */
    private volatile boolean quiet;

    /**
     * @param method the HTTP method
     * @param uri the request URI as received (path and query)
     */
    public RequestLog(String method, String uri) {
        this(RequestIds.newId(), method, uri);
    }

    RequestLog(String id, String method, String uri) {
        this.id = id;
        this.method = method;
        this.uri = uri;
    }

    /** @return the request ID */
    public String id() {
        return id;
    }

    /** @param code the HTTP status of the response being sent (the first one counts) */
    void status(int code) {
        if (status == 0) {
            status = code;
        }
    }

    /**
     * Logs the request at DEBUG with its body.
     *
     * @param body the collected body (empty for streamed bodies, which are not logged)
     * @param contentType the request's Content-Type, or null
     */
    void received(byte[] body, String contentType) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        // the ID is in the message itself (this runs on the event loop, whose ThreadContext has none)
        if (body.length == 0) {
            LOG.debug("Calling {} {} id={}", method, uri, id);
        } else {
            LOG.debug("Calling {} {} id={} body: {}", method, uri, id, loggedBody(body, contentType));
        }
    }

    /** From now on the request's line is logged at DEBUG, not INFO ({@link Route#asQuick()}). */
    void quiet() {
        quiet = true;
    }

    /** @return the level of the request's line: INFO, DEBUG after {@link #quiet()} */
    Level level() {
        return quiet ? Level.DEBUG : Level.INFO;
    }

    /**
     * Logs the line once (INFO, DEBUG after {@link #quiet()}): method, URI, status, duration in milliseconds, ID.
     * Any thread.
     */
    void done() {
        if (done.compareAndSet(false, true)) {
            LOG.log(level(), "{} {} -> {} in {} ms id={}", method, uri, status,
                    (System.nanoTime() - started) / 1_000_000, id);
        }
    }

    /**
     * @param body a request body
     * @param contentType its Content-Type, or null
     * @return the body as logged: redacted JSON, or its size
     */
    static String loggedBody(byte[] body, String contentType) {
        boolean json = contentType == null || contentType.toLowerCase(Locale.ROOT).contains("json");
        if (!json || body.length > MAX_LOGGED_BODY) {
            return "(" + body.length + " bytes" + (json ? "" : ", " + contentType) + ")";
        }
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree == null) {
                return "(" + body.length + " bytes)";
            }
            return JSON.writeValueAsString(redacted(tree));
        } catch (IOException e) {
            return "(" + body.length + " bytes, not JSON)";
        }
    }

    /**
     * @param node a JSON tree (changed in place)
     * @return the tree with every secret field's value replaced by {@value #MASK}
     */
    static JsonNode redacted(JsonNode node) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (secret(e.getKey())) {
                    e.setValue(TextNode.valueOf(MASK));
                } else {
                    redacted(e.getValue());
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(RequestLog::redacted);
        }
        return node;
    }

    static boolean secret(String field) {
        String f = field.toLowerCase(Locale.ROOT);
        return SECRET_NAMES.contains(f) || f.endsWith("password") || f.endsWith("key") || f.endsWith("token")
                || f.endsWith("secret");
    }
}
