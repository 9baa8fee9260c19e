package io.berth.gateway.router.images;

import com.google.protobuf.UnsafeByteOperations;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.UnavailableException;
import io.berth.common.json.Json;
import io.berth.gateway.grpc.BidiStream;
import io.berth.gateway.http.ApiRequest;
import io.berth.gateway.http.HttpExchange;
import io.berth.gateway.http.PlatformSpecifier;
import io.berth.gateway.http.QueryParams;
import io.berth.gateway.http.RequestBodyStream;
import io.berth.proto.storage.v1.ImportImageRequest;
import io.berth.proto.storage.v1.ImportImageResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * {@code POST /images/create?fromSrc=...} of Docker Engine API 1.41 (moby {@code postImagesCreate}, import
 * branch; {@code docker import}): the root filesystem tar comes from the request body ({@code fromSrc=-})
 * or is downloaded by berth from {@code fromSrc=<URL>} (http or https; a URL without a scheme is
 * {@code http://<fromSrc>} as dockerd reads it), and is streamed into storage's ImportImage with
 * {@code repo}, {@code tag}, {@code message}, every {@code changes} value and {@code platform}. The answer
 * is dockerd's JSON message stream with one object, {@code {"status":"sha256:<id>"}}, which the CLI prints.
 * Errors before that (bad change, platform, tar; a download that fails: 503 naming the URL and the
 * reason, since this host may have no network) are HTTP errors with Docker's JSON body.
 */
final class ImageImportHandler {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final int DOWNLOAD_CHUNK = 64 * 1024;

    private final ImagesBackend backend;
    private final Executor pumps;

    ImageImportHandler(ImagesBackend backend, Executor pumps) {
        this.backend = backend;
        this.pumps = pumps;
    }

    void postImagesImport(ApiRequest req, HttpExchange ex) throws InterruptedException {
        QueryParams q = req.query();
        String src = q.get("fromSrc", "");
        ImportImageRequest first = ImportImageRequest.newBuilder()
                .setRepo(q.get("repo", ""))
                .setTag(q.get("tag", ""))
                .setMessage(q.get("message", ""))
                .addAllChanges(q.all("changes"))
                .setPlatform(platform(q.get("platform", "")))
                .setSource(src)
                .build();
        UploadPump.Source source;
        if (src.equals("-")) {
            RequestBodyStream body = req.bodyStream() != null ? req.bodyStream() : RequestBodyStream.of(req.body());
            source = body::read;
        } else {
            source = download(src);
        }
        BidiStream<ImportImageRequest, ImportImageResponse> call = backend.importImage();
        ex.onClose(call::close);
        pumps.execute(() -> UploadPump.pump(source, call, first,
                chunk -> ImportImageRequest.newBuilder().setChunk(UnsafeByteOperations.unsafeWrap(chunk)).build()));
        ImportImageResponse r;
        try {
            r = call.next();
        } finally {
            call.close();
        }
        if (r == null) {
            throw new UnavailableException("storage ended the import without an answer");
        }
        var out = ex.startChunked(HttpResponseStatus.OK, "application/json");
        out.write(Json.line(Map.of("status", r.getId())));
        out.end();
    }

    /**
     * Checks {@code platform=} as containerd's parser (400 with its text) and hands storage the normalized
     * {@code os/arch[/variant]}; storage refuses an OS other than linux with dockerd's message.
     */
    private static String platform(String text) {
        if (text.isEmpty()) {
            return "";
        }
        PlatformSpecifier.Platform p = PlatformSpecifier.parse(text);
        String arch = p.architecture().isEmpty() ? "" : "/" + p.architecture();
        return p.os() + arch + (p.variant().isEmpty() ? "" : "/" + p.variant());
    }

    /** Opens the download of {@code src}; the returned source reads it in chunks and closes it at the end. */
    private static UploadPump.Source download(String src) throws InterruptedException {
        URI uri = uri(src);
        HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<InputStream> resp;
        try {
            resp = client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException | IllegalArgumentException e) {
            throw new UnavailableException("cannot download " + uri + " for docker import: " + describe(e)
                    + " (berth fetches fromSrc URLs itself; this host may have no network: "
                    + "use 'docker import <file>' or '-' instead)");
        }
        if (resp.statusCode() / 100 != 2) {
            closeQuietly(resp.body());
            throw new UnavailableException("cannot download " + uri + " for docker import: HTTP status "
                    + resp.statusCode());
        }
        InputStream in = resp.body();
        return () -> {
            byte[] buf = in.readNBytes(DOWNLOAD_CHUNK);
            if (buf.length == 0) {
                in.close();
                return null;
            }
            return buf;
        };
    }

    /** dockerd's reading of fromSrc: a URL, or a host[/path] meaning http. */
    static URI uri(String src) {
        String text = src.contains("://") ? src : "http://" + src;
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("invalid fromSrc URL " + src + ": " + e.getMessage());
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new InvalidArgumentException("invalid fromSrc URL " + src + ": only http and https are supported");
        }
        if (uri.getHost() == null) {
            throw new InvalidArgumentException("invalid fromSrc URL " + src + ": it names no host");
        }
        return uri;
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing to do: the download is abandoned anyway
        }
    }
}
