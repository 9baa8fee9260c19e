package io.berth.gateway.router.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.gateway.grpc.BidiStream;
import io.berth.gateway.http.ApiRequest;
import io.berth.gateway.http.DockerJsonBinder;
import io.berth.gateway.http.HttpExchange;
import io.berth.gateway.http.RawInput;
import io.berth.gateway.http.RawStream;
import io.berth.gateway.http.Route;
import io.berth.gateway.http.Router;
import io.berth.gateway.http.Stdcopy;
import io.berth.gateway.types.exec.ExecCreateRequest;
import io.berth.gateway.types.exec.ExecCreateResponse;
import io.berth.gateway.types.exec.ExecInspect;
import io.berth.gateway.types.exec.ExecStartRequest;
import io.berth.proto.engine.v1.CreateExecRequest;
import io.berth.proto.engine.v1.InspectExecRequest;
import io.berth.proto.engine.v1.OutputStream;
import io.berth.proto.engine.v1.ResizeExecRequest;
import io.berth.proto.engine.v1.StartExecRequest;
import io.berth.proto.engine.v1.StartExecResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The exec routes of the Docker Engine API 1.41, as moby groups them (api/server/router/container/exec.go):
 * {@code POST /containers/{id}/exec} (create), {@code POST /exec/{id}/start} (hijacked, or 200 for Detach),
 * {@code POST /exec/{id}/resize} and {@code GET /exec/{id}/json}, with dockerd 20.10's statuses and texts.
 */
public final class ExecRouter implements Router {
    private final ExecBackend backend;

    /** @param backend the engine */
    @Inject
    public ExecRouter(ExecBackend backend) {
        this.backend = backend;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post("/containers/{id}/exec", "postContainerExecCreate", this::postContainerExecCreate),
                Route.post("/exec/{id}/start", "postContainerExecStart", this::postContainerExecStart),
                Route.post("/exec/{id}/resize", "postContainerExecResize", this::postContainerExecResize),
                Route.get("/exec/{id}/json", "getExecByID", this::getExecById));
    }

    /**
     * {@code POST /containers/{id}/exec}: 201 {@code {"Id":"<64 hex>"}}. 400 "No exec command specified" for an
     * empty Cmd (checked before the container), 404 "No such container: x", 409 "Container <id> is not
     * running" (or paused).
     */
    void postContainerExecCreate(ApiRequest req, HttpExchange ex) {
        req.requireJsonContentType();
        ExecCreateRequest body = DockerJsonBinder.bind(body(req), ExecCreateRequest.class);
        if (body.cmd() == null || body.cmd().isEmpty()) {
            throw new InvalidArgumentException("No exec command specified");
        }
        String id = backend.create(CreateExecRequest.newBuilder().setContainerId(req.param("id"))
                .setConfig(body.toProto()).build()).getId();
        ex.json(HttpResponseStatus.CREATED, new ExecCreateResponse(id));
    }

    /**
     * {@code POST /exec/{id}/start} with {@code {"Detach":b,"Tty":b}}. Detach: the process is started and the
     * answer is 200 with no body (errors as error responses). Otherwise, once the engine accepted the exec
     * (404 "No such exec instance: x" before that), the connection is hijacked: 101 UPGRADED when the client
     * sent {@code Upgrade}, else 200 raw-stream; then the output as stdcopy frames (raw when the start's Tty is
     * true, as dockerd frames by the start body), client bytes as stdin, and the connection closes once the
     * process exited. A start that fails after the hijack writes dockerd's error text and "\r\n" on stdout.
     */
    void postContainerExecStart(ApiRequest req, HttpExchange ex) throws InterruptedException {
        ExecStartRequest body = DockerJsonBinder.bind(body(req), ExecStartRequest.class);
        BidiStream<StartExecRequest, StartExecResponse> call = backend.start();
        ex.onClose(call::close);
        try {
            call.send(StartExecRequest.newBuilder().setId(req.param("id")).setDetach(body.detach()).build());
            StartExecResponse first = call.next();
            if (first == null) {
                throw new InternalException("the engine ended the exec start before accepting it");
            }
            if (body.detach()) {
                ex.respond(HttpResponseStatus.OK, null, new byte[0]);
                return;
            }
            boolean raw = body.tty();
            String upgrade = req.headers().get("Upgrade");
            RawStream stream = ex.hijack(upgrade != null, stdinForwarder(call));
            StartExecResponse r = call.next();
            while (r != null) {
                if (!r.getErrorMessage().isEmpty()) {
                    byte[] text = (r.getErrorMessage() + "\r\n").getBytes(StandardCharsets.UTF_8);
                    stream.write(raw ? text : Stdcopy.frame(Stdcopy.STDOUT, text));
                } else if (!r.getData().isEmpty()) {
                    byte[] data = r.getData().toByteArray();
                    stream.write(raw ? data : Stdcopy.frame(streamId(r.getStream()), data));
                }
                r = call.next();
            }
            stream.close();
        } finally {
            call.close();
        }
    }

    /** {@code POST /exec/{id}/resize?h=&w=}: 200; 400 with Go's strconv text for a bad number; 404. */
    void postContainerExecResize(ApiRequest req, HttpExchange ex) {
        int h = atoi(req.query().get("h", ""));
        int w = atoi(req.query().get("w", ""));
        backend.resize(ResizeExecRequest.newBuilder().setId(req.param("id")).setHeight(h).setWidth(w).build());
        ex.respond(HttpResponseStatus.OK, null, new byte[0]);
    }

    /** {@code GET /exec/{id}/json}: 200 ExecInspect; 404 "No such exec instance: x". */
    void getExecById(ApiRequest req, HttpExchange ex) {
        ex.json(HttpResponseStatus.OK, ExecInspect.of(
                backend.inspect(InspectExecRequest.newBuilder().setId(req.param("id")).build())));
    }

    /** dockerd decodes these bodies with Go's json.Decoder: an empty body is io.EOF, a 400. */
    private static JsonNode body(ApiRequest req) {
        JsonNode n = req.json();
        if (n.isNull() || n.isMissingNode()) {
            throw new InvalidArgumentException("got EOF while reading request body");
        }
        return n;
    }

    private static int atoi(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("strconv.Atoi: parsing \"" + s + "\": invalid syntax");
        }
    }

    private static RawInput stdinForwarder(BidiStream<StartExecRequest, StartExecResponse> call) {
        return new RawInput() {
            @Override
            public void onData(byte[] bytes) {
                call.send(StartExecRequest.newBuilder().setStdinData(ByteString.copyFrom(bytes)).build());
            }

            @Override
            public void onInputClosed() {
                call.send(StartExecRequest.newBuilder().setStdinClose(true).build());
            }
        };
    }

    private static int streamId(OutputStream s) {
        return s == OutputStream.OUTPUT_STREAM_STDERR ? Stdcopy.STDERR : Stdcopy.STDOUT;
    }
}
