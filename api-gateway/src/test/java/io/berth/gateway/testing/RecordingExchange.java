package io.berth.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.json.Json;
import io.berth.gateway.http.ChunkedBody;
import io.berth.gateway.http.HttpExchange;
import io.berth.gateway.http.RawInput;
import io.berth.gateway.http.RawStream;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An {@link HttpExchange} that records what a handler answered, for router tests. */
public final class RecordingExchange implements HttpExchange {
    public HttpResponseStatus status;
    public String contentType;
    public Map<String, String> headers = Map.of();
    public byte[] body;
    public final List<byte[]> chunks = new ArrayList<>();
    public boolean chunked;
    public boolean ended;
    public boolean hijacked;
    public boolean upgraded;
    public boolean rawClosed;
    public RawInput rawInput;
    public final List<String> events = new ArrayList<>();
    public final List<Runnable> closeActions = new ArrayList<>();

    @Override
    public void respond(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> extra) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.headers = extra;
        events.add("respond " + status.code());
    }

    @Override
    public ChunkedBody startChunked(HttpResponseStatus status, String contentType, Map<String, String> extra) {
        this.status = status;
        this.headers = extra;
        this.contentType = contentType;
        this.chunked = true;
        events.add("headers " + status.code());
        return new ChunkedBody() {
            @Override
            public void write(byte[] bytes) {
                chunks.add(bytes);
                events.add("chunk");
            }

            @Override
            public void end() {
                ended = true;
                events.add("end");
            }
        };
    }

    @Override
    public RawStream hijack(boolean upgrade, RawInput input) {
        this.hijacked = true;
        this.upgraded = upgrade;
        this.rawInput = input;
        this.status = upgrade ? HttpResponseStatus.SWITCHING_PROTOCOLS : HttpResponseStatus.OK;
        events.add("hijack");
        return new RawStream() {
            @Override
            public void write(byte[] bytes) {
                chunks.add(bytes);
                events.add("raw");
            }

            @Override
            public void close() {
                rawClosed = true;
                events.add("close");
            }
        };
    }

    @Override
    public RawStream websocket(io.berth.gateway.http.ApiRequest request, boolean binary, RawInput input) {
        events.add("websocket " + (binary ? "binary" : "text"));
        return hijack(true, input);
    }

    @Override
    public void rawStreamError(Throwable error) {
        io.netty.handler.codec.http.FullHttpResponse r = io.berth.gateway.http.ErrorResponses.rawStreamError(error);
        this.status = r.status();
        this.contentType = r.headers().get("Content-Type");
        this.body = io.netty.buffer.ByteBufUtil.getBytes(r.content());
        r.release();
        events.add("raw error " + status.code());
    }

    @Override
    public void onClose(Runnable action) {
        closeActions.add(action);
    }

    @Override
    public boolean responseStarted() {
        return status != null;
    }

    /** @return the body (or all chunks) as UTF-8 */
    public String text() {
        return new String(allBytes(), StandardCharsets.UTF_8);
    }

    /** @return the body (or all chunks) parsed as JSON */
    public JsonNode json() {
        return Json.parse(allBytes());
    }

    /** @return the full body, or the chunks concatenated */
    public byte[] allBytes() {
        if (body != null) {
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] c : chunks) {
            try {
                out.write(c);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toByteArray();
    }
}
