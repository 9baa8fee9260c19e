package io.berth.gateway.router.containers;

import com.google.protobuf.UnsafeByteOperations;
import io.berth.common.errors.BerthException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.gateway.grpc.BidiStream;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.gateway.http.ApiRequest;
import io.berth.gateway.http.BodyMode;
import io.berth.gateway.http.ChunkedBody;
import io.berth.gateway.http.HttpExchange;
import io.berth.gateway.http.RequestBodyStream;
import io.berth.gateway.http.Route;
import io.berth.gateway.http.Router;
import io.berth.gateway.http.WorkerPool;
import io.berth.gateway.types.containers.ContainerPathStat;
import io.berth.proto.engine.v1.GetArchiveRequest;
import io.berth.proto.engine.v1.GetArchiveResponse;
import io.berth.proto.engine.v1.PutArchiveRequest;
import io.berth.proto.engine.v1.PutArchiveResponse;
import io.berth.proto.engine.v1.PutArchiveTarget;
import io.berth.proto.engine.v1.StatPathRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The archive routes of the Docker Engine API 1.41 (moby api/server/router/container/copy.go), what
 * {@code docker cp} uses, over the engine's Archives service:
 * <ul>
 *   <li>{@code HEAD /containers/{id}/archive?path=}: 200 with {@code X-Docker-Container-Path-Stat} (base64
 *       JSON, {@link ContainerPathStat}) and no body;</li>
 *   <li>{@code GET}: 200, the same header, {@code Content-Type: application/x-tar}, the tar chunked at the
 *       client's pace;</li>
 *   <li>{@code PUT ?path=&noOverwriteDirNonDir=&copyUIDGID=}: the request body (a tar) is streamed into the
 *       engine while it arrives; 200 with an empty body once it is extracted.</li>
 * </ul>
 * Errors are dockerd's: 400 "bad parameter: pathcannot be empty" (sic) without {@code path}, 404 "No such
 * container: x" or "Could not find the file /p in container x", 400 for a target that is not a directory or a
 * bad tar, 403 for a read-only root filesystem or volume. {@code {id}} is passed to the engine as given
 * (the messages name the container as the client did).
 */
public final class ContainerArchiveRouter implements Router {
    private static final Logger LOG = LogManager.getLogger(ContainerArchiveRouter.class);

    private final ArchivesBackend archives;
    private final Executor pumps;

    /**
     * @param archives the engine's Archives service
     * @param workers the gateway's worker threads (the PUT body pump runs on one)
     */
    @Inject
    public ContainerArchiveRouter(ArchivesBackend archives, WorkerPool workers) {
        this(archives, (Executor) workers);
    }

    /**
     * @param archives the engine's Archives service
     * @param pumps threads for the PUT body pump
     */
    public ContainerArchiveRouter(ArchivesBackend archives, Executor pumps) {
        this.archives = archives;
        this.pumps = pumps;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.head("/containers/{id}/archive", "headContainersArchive", this::headContainersArchive),
                Route.get("/containers/{id}/archive", "getContainersArchive", this::getContainersArchive),
                Route.of(HttpMethod.PUT, "/containers/{id}/archive", "putContainersArchive", BodyMode.STREAM,
                        this::putContainersArchive));
    }

    /** {@code HEAD /containers/{id}/archive} (API 1.41 ContainerArchiveInfo). */
    void headContainersArchive(ApiRequest req, HttpExchange ex) {
        String path = path(req);
        ContainerPathStat stat = ContainerPathStat.of(archives.statPath(StatPathRequest.newBuilder()
                .setContainer(req.param("id")).setPath(path).build()).getStat());
        ex.respond(HttpResponseStatus.OK, null, new byte[0], Map.of(ContainerPathStat.HEADER, stat.header()));
    }

    /** {@code GET /containers/{id}/archive} (API 1.41 ContainerArchive). */
    void getContainersArchive(ApiRequest req, HttpExchange ex) throws InterruptedException {
        String path = path(req);
        ResponseStream<GetArchiveResponse> tar = archives.getArchive(GetArchiveRequest.newBuilder()
                .setContainer(req.param("id")).setPath(path).build());
        ex.onClose(tar::close);
        try {
            GetArchiveResponse first = tar.next();
            if (first == null || !first.hasStat()) {
                throw new io.berth.common.errors.InternalException("the engine sent no stat for " + path);
            }
            ChunkedBody out = ex.startChunked(HttpResponseStatus.OK, "application/x-tar",
                    Map.of(ContainerPathStat.HEADER, ContainerPathStat.of(first.getStat()).header()));
            for (GetArchiveResponse r = tar.next(); r != null; r = tar.next()) {
                if (!r.getData().isEmpty()) {
                    out.write(r.getData().toByteArray());
                }
            }
            out.end();
        } finally {
            tar.close();
        }
    }

    /** {@code PUT /containers/{id}/archive} (API 1.41 PutContainerArchive). */
    void putContainersArchive(ApiRequest req, HttpExchange ex) throws InterruptedException {
        RequestBodyStream body = req.bodyStream() != null ? req.bodyStream() : RequestBodyStream.of(req.body());
        String path;
        try {
            path = path(req);
        } catch (RuntimeException e) {
            body.discard();
            throw e;
        }
        PutArchiveTarget target = PutArchiveTarget.newBuilder().setContainer(req.param("id")).setPath(path)
                .setNoOverwriteDirNonDir(req.query().bool("noOverwriteDirNonDir", false))
                .setCopyUidGid(req.query().bool("copyUIDGID", false)).build();
        BidiStream<PutArchiveRequest, PutArchiveResponse> call = archives.putArchive();
        ex.onClose(call::close);
        pumps.execute(() -> pump(target, body, call));
        try {
            while (call.next() != null) {
                // the one answer: extracted
            }
        } catch (BerthException e) {
            body.discard();
            throw e;
        } finally {
            call.close();
        }
        ex.respond(HttpResponseStatus.OK, null, new byte[0]);
    }

    private static String path(ApiRequest req) {
        String path = req.query().get("path", "");
        if (path.isEmpty()) {
            throw new InvalidArgumentException("bad parameter: pathcannot be empty");
        }
        return path;
    }

    /** Sends the target, then the body chunk by chunk, waiting for gRPC flow control before each one. */
    private static void pump(PutArchiveTarget target, RequestBodyStream body,
                             BidiStream<PutArchiveRequest, PutArchiveResponse> call) {
        try {
            call.send(PutArchiveRequest.newBuilder().setTarget(target).build());
            byte[] chunk;
            while ((chunk = body.read()) != null) {
                call.awaitReady();
                call.send(PutArchiveRequest.newBuilder().setData(UnsafeByteOperations.unsafeWrap(chunk)).build());
            }
            call.halfClose();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.close();
        } catch (RuntimeException e) {
            LOG.debug("archive upload ended early: {}", e.toString());
            call.close();
        }
    }
}
