package io.berth.gateway.router.containers;

import com.google.protobuf.ByteString;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.time.DockerTime;
import io.berth.gateway.grpc.BidiStream;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.gateway.http.ApiRequest;
import io.berth.gateway.http.ApiVersion;
import io.berth.gateway.http.ChunkedBody;
import io.berth.gateway.http.HttpExchange;
import io.berth.gateway.http.QueryParams;
import io.berth.gateway.http.RawInput;
import io.berth.gateway.http.RawStream;
import io.berth.gateway.http.Route;
import io.berth.gateway.http.Router;
import io.berth.gateway.http.Stdcopy;
import io.berth.proto.engine.v1.AttachContainerRequest;
import io.berth.proto.engine.v1.AttachContainerResponse;
import io.berth.proto.engine.v1.ContainerLogsRequest;
import io.berth.proto.engine.v1.ContainerLogsResponse;
import io.berth.proto.engine.v1.InspectContainerRequest;
import io.berth.proto.engine.v1.InspectContainerResponse;
import io.berth.proto.engine.v1.OutputStream;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The streaming container routes of the Docker Engine API 1.41 (moby {@code api/server/router/container}):
 * {@code GET /containers/{id}/logs} (chunked, one stdcopy frame per entry, no Content-Type in 1.41) and
 * {@code POST /containers/{id}/attach} (hijacked connection) and {@code GET /containers/{id}/attach/ws}
 * (websocket).
 */
public final class ContainerStreamsRouter implements Router {
    /** Log entries already received are sent together, in one chunk of up to this many bytes. */
    static final int MAX_BATCH_BYTES = 64 * 1024;

    private final ContainersBackend backend;

    /** @param backend the engine */
    @Inject
    public ContainerStreamsRouter(ContainersBackend backend) {
        this.backend = backend;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/containers/{id}/logs", "getContainersLogs", this::getContainersLogs),
                Route.post("/containers/{id}/attach", "postContainersAttach", this::postContainersAttach),
                Route.get("/containers/{id}/attach/ws", "wsContainersAttach", this::wsContainersAttach));
    }

    /**
     * {@code GET /containers/{id}/logs?stdout&stderr&follow&tail&since&until&timestamps} (API 1.41). 404 before
     * any header if the container does not exist; then 200, chunked, entries that already arrived together in
     * one chunk (up to {@value #MAX_BATCH_BYTES} bytes), each a stdcopy frame
     * (stream 1 stdout, 2 stderr) or the raw bytes for a TTY container. With timestamps the entry starts with
     * its RFC3339Nano time (9 digits) and a space. With follow the body ends when the container stops.
     */
    void getContainersLogs(ApiRequest req, HttpExchange ex) throws InterruptedException {
        QueryParams q = req.query();
        boolean stdout = q.bool("stdout", false);
        boolean stderr = q.bool("stderr", false);
        if (!stdout && !stderr) {
            throw new InvalidArgumentException("Bad parameters: you must choose at least one stream");
        }
        boolean timestamps = q.bool("timestamps", false);
        ContainerLogsRequest.Builder logs = ContainerLogsRequest.newBuilder()
                .setStdout(stdout).setStderr(stderr).setFollow(q.bool("follow", false))
                .setSinceNano(DockerTime.parseQueryTime(q.get("since"), "since"))
                .setUntilNano(DockerTime.parseQueryTime(q.get("until"), "until"))
                .setTail(tail(q.get("tail", "all")));
        InspectContainerResponse info = backend.inspect(
                InspectContainerRequest.newBuilder().setId(req.param("id")).build());
        if (info.getContainer().getHostConfig().getLogDriver().equals("none")) {
            // dockerd 20.10 daemon/logs.go: the driver is no LogReader (400, before any header)
            throw new InvalidArgumentException("configured logging driver does not support reading");
        }
        boolean tty = info.getContainer().getConfig().getTty();
        ResponseStream<ContainerLogsResponse> entries = backend.logs(logs.setId(info.getContainer().getId()).build());
        ex.onClose(entries::close);
        ChunkedBody out = ex.startChunked(HttpResponseStatus.OK, null);
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        try {
            ContainerLogsResponse e;
            while ((e = entries.next()) != null) {
                byte[] payload = timestamps ? withTimestamp(e) : e.getData().toByteArray();
                batch.writeBytes(tty || e.getTty() ? payload : Stdcopy.frame(streamId(e.getStream()), payload));
                if (batch.size() >= MAX_BATCH_BYTES || !entries.hasBuffered()) {
                    out.write(batch.toByteArray());
                    batch.reset();
                }
            }
        } finally {
            entries.close();
        }
        if (batch.size() > 0) {
            out.write(batch.toByteArray());
        }
        out.end();
    }

    /**
     * {@code POST /containers/{id}/attach?stream&stdout&stderr&stdin&logs} (API 1.41). The HTTP answer is sent
     * only after the engine confirmed the output capture (its first message), because the CLI starts the
     * container right after it: 101 UPGRADED when the client sent Upgrade headers, else 200; both with
     * {@code application/vnd.docker.raw-stream}. Then output goes out as stdcopy frames (raw for TTY),
     * client bytes become stdin and the client's half-close stdin EOF; the connection closes when the engine's
     * stream ends; for a TTY container the engine also ends it when the client detaches ({@code detachKeys},
     * default ctrl-p ctrl-q) or half-closes its stdin. Errors before the answer (400 {@code Invalid detach
     * keys (x) provided}, 404 no such container) are written as dockerd writes them: raw, not JSON
     * ({@link HttpExchange#rawStreamError}).
     */
    void postContainersAttach(ApiRequest req, HttpExchange ex) throws InterruptedException {
        QueryParams q = req.query();
        boolean stdin = q.bool("stdin", false);
        BidiStream<AttachContainerRequest, AttachContainerResponse> call = backend.attach();
        ex.onClose(call::close);
        try {
            call.send(AttachContainerRequest.newBuilder().setId(req.param("id"))
                    .setStdin(stdin).setStdout(q.bool("stdout", false)).setStderr(q.bool("stderr", false))
                    .setStream(q.bool("stream", false)).setLogs(q.bool("logs", false))
                    .setDetachKeys(q.get("detachKeys", "")).build());
            AttachContainerResponse first;
            try {
                first = call.next();
            } catch (RuntimeException e) {
                ex.rawStreamError(e);
                return;
            }
            if (first == null) {
                throw new InternalException("the engine ended the attach before registering it");
            }
            boolean tty = first.getTty();
            String upgrade = req.headers().get("Upgrade");
            RawStream raw = ex.hijack(upgrade != null && !upgrade.isBlank(), stdinForwarder(call, stdin));
            AttachContainerResponse r = first.getAttached() ? call.next() : first;
            while (r != null) {
                if (!r.getData().isEmpty()) {
                    byte[] data = r.getData().toByteArray();
                    raw.write(tty || r.getTty() ? data : Stdcopy.frame(streamId(r.getStream()), data));
                }
                r = call.next();
            }
            raw.close();
        } finally {
            call.close();
        }
    }

    /**
     * {@code GET /containers/{id}/attach/ws?logs&stream&detachKeys} (API 1.41, moby's wsContainersAttach):
     * stdin, stdout and stderr are always attached; output is never multiplexed (stdout and stderr bytes as
     * they come, one frame per engine message), in binary frames from API 1.28 on and text frames before;
     * client frames are stdin, a close frame its EOF. Errors before the handshake (no such container, bad
     * detach keys) are normal JSON error responses, as with dockerd (its handler fails before it upgrades).
     * When the output ends (the container stopped, or a TTY client detached) a close frame (1000) is sent
     * and the connection closed.
     */
    void wsContainersAttach(ApiRequest req, HttpExchange ex) throws InterruptedException {
        QueryParams q = req.query();
        BidiStream<AttachContainerRequest, AttachContainerResponse> call = backend.attach();
        ex.onClose(call::close);
        try {
            call.send(AttachContainerRequest.newBuilder().setId(req.param("id"))
                    .setStdin(true).setStdout(true).setStderr(true)
                    .setStream(q.bool("stream", false)).setLogs(q.bool("logs", false))
                    .setDetachKeys(q.get("detachKeys", "")).build());
            AttachContainerResponse first = call.next();
            if (first == null) {
                throw new InternalException("the engine ended the attach before registering it");
            }
            RawStream ws = ex.websocket(req, ApiVersion.compare(req.apiVersion(), "1.28") >= 0,
                    stdinForwarder(call, true));
            AttachContainerResponse r = first.getAttached() ? call.next() : first;
            while (r != null) {
                if (!r.getData().isEmpty()) {
                    ws.write(r.getData().toByteArray());
                }
                r = call.next();
            }
            ws.close();
        } finally {
            call.close();
        }
    }

    private static RawInput stdinForwarder(BidiStream<AttachContainerRequest, AttachContainerResponse> call,
                                           boolean stdin) {
        return new RawInput() {
            @Override
            public void onData(byte[] bytes) {
                if (stdin) {
                    call.send(AttachContainerRequest.newBuilder().setStdinData(ByteString.copyFrom(bytes)).build());
                }
            }

            @Override
            public void onInputClosed() {
                if (stdin) {
                    call.send(AttachContainerRequest.newBuilder().setStdinClose(true).build());
                }
            }
        };
    }

    private static byte[] withTimestamp(ContainerLogsResponse e) {
        byte[] ts = (DockerTime.rfc3339NanoFixed(e.getTimeNano()) + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] data = e.getData().toByteArray();
        byte[] out = new byte[ts.length + data.length];
        System.arraycopy(ts, 0, out, 0, ts.length);
        System.arraycopy(data, 0, out, ts.length, data.length);
        return out;
    }

    private static int streamId(OutputStream s) {
        return switch (s) {
            case OUTPUT_STREAM_STDERR -> Stdcopy.STDERR;
            case OUTPUT_STREAM_STDIN -> Stdcopy.STDIN;
            default -> Stdcopy.STDOUT;
        };
    }

    /** dockerd's tail rule: "all", empty or not a number = every entry (-1); otherwise the last N. */
    static int tail(String value) {
        try {
            int n = Integer.parseInt(value.trim());
            return n < 0 ? -1 : n;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
