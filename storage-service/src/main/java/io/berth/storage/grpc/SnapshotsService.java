package io.berth.storage.grpc;

import io.berth.common.fs.RawNames;
import io.berth.proto.storage.v1.ListSnapshotsRequest;
import io.berth.proto.storage.v1.ListSnapshotsResponse;
import io.berth.proto.storage.v1.MountsRequest;
import io.berth.proto.storage.v1.MountsResponse;
import io.berth.proto.storage.v1.PrepareSnapshotRequest;
import io.berth.proto.storage.v1.PrepareSnapshotResponse;
import io.berth.proto.storage.v1.RemoveSnapshotRequest;
import io.berth.proto.storage.v1.RemoveSnapshotResponse;
import io.berth.proto.storage.v1.SnapshotsGrpc;
import io.berth.proto.storage.v1.StatSnapshotRequest;
import io.berth.proto.storage.v1.StatSnapshotResponse;
import io.berth.proto.storage.v1.UsageRequest;
import io.berth.proto.storage.v1.UsageResponse;
import io.berth.proto.storage.v1.ExportSnapshotRequest;
import io.berth.proto.storage.v1.ExportSnapshotResponse;
import io.berth.proto.storage.v1.SnapshotChange;
import io.berth.proto.storage.v1.SnapshotChangesRequest;
import io.berth.proto.storage.v1.SnapshotChangesResponse;
import io.berth.common.grpc.ChunkedServerStream;
import io.berth.common.grpc.GrpcErrors;
import io.berth.storage.snapshot.Change;
import io.berth.storage.snapshot.Mount;
import io.berth.storage.image.ImageStore;
import io.berth.storage.snapshot.StorageDriver;
import io.berth.storage.snapshot.Usage;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * berth.storage.v1 Snapshots over the configured storage driver: a thin adapter (errors are thrown as
 * berth exceptions and mapped to gRPC status by the server's interceptor). The engine prepares a
 * container's root filesystem with {@code Prepare(key=<container id>, parent=<image top chain ID>)},
 * mounts what it gets and calls {@code Remove} when the container is deleted (which also removes layers only
 * that container still kept, see {@link ImageStore#removeSnapshot}).
 */
public final class SnapshotsService extends SnapshotsGrpc.SnapshotsImplBase {
    private static final Logger LOG = LogManager.getLogger(SnapshotsService.class);

    private final StorageDriver driver;
    private final ImageStore images;
    private final Executor exports = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "snapshot-export");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param driver the configured storage driver
     * @param images the image store (removals go through it to release unused layers)
     */
    @Inject
    public SnapshotsService(StorageDriver driver, ImageStore images) {
        this.driver = driver;
        this.images = images;
    }

    @Override
    public void prepare(PrepareSnapshotRequest req, StreamObserver<PrepareSnapshotResponse> out) {
        LOG.debug("Prepare key={} parent={}", req.getKey(), req.getParent());
        List<Mount> mounts = driver.prepare(req.getKey(), req.getParent(), req.getLabelsMap());
        out.onNext(PrepareSnapshotResponse.newBuilder().addAllMounts(ProtoConverters.mounts(mounts))
                .putAllDriverData(driver.driverData(req.getKey())).build());
        out.onCompleted();
    }

    @Override
    public void mounts(MountsRequest req, StreamObserver<MountsResponse> out) {
        LOG.debug("Mounts key={}", req.getKey());
        out.onNext(MountsResponse.newBuilder().addAllMounts(ProtoConverters.mounts(driver.mounts(req.getKey())))
                .build());
        out.onCompleted();
    }

    @Override
    public void remove(RemoveSnapshotRequest req, StreamObserver<RemoveSnapshotResponse> out) {
        LOG.debug("Remove key={}", req.getKey());
        images.removeSnapshot(req.getKey());
        out.onNext(RemoveSnapshotResponse.getDefaultInstance());
        out.onCompleted();
    }

    @Override
    public void stat(StatSnapshotRequest req, StreamObserver<StatSnapshotResponse> out) {
        LOG.debug("Stat key={}", req.getKey());
        out.onNext(StatSnapshotResponse.newBuilder().setInfo(ProtoConverters.snapshotInfo(driver.stat(req.getKey())))
                .build());
        out.onCompleted();
    }

    /** {@code Changes}: the snapshot's changes, optionally without dockerd's init layer paths. */
    @Override
    public void changes(SnapshotChangesRequest req, StreamObserver<SnapshotChangesResponse> out) {
        LOG.debug("Changes key={} dockerInitLayer={}", req.getKey(), req.getDockerInitLayer());
        SnapshotChangesResponse.Builder b = SnapshotChangesResponse.newBuilder();
        for (Change c : driver.changes(req.getKey(), req.getDockerInitLayer())) {
            b.addChanges(SnapshotChange.newBuilder().setPath(RawNames.display(c.path())).setKind(ProtoConverters.changeKind(c.kind())));
        }
        out.onNext(b.build());
        out.onCompleted();
    }

    /**
     * {@code Export}: checks the key at once (NOT_FOUND before any chunk), then writes the tar from a thread
     * of its own through common's {@link ChunkedServerStream}, at the client's pace. A cancelled call stops the walk at the
     * next chunk; a read failure after the first chunk ends the call with INTERNAL (the client's tar is then
     * incomplete, as with dockerd when a copy fails).
     */
    @Override
    public void export(ExportSnapshotRequest req, StreamObserver<ExportSnapshotResponse> out) {
        LOG.debug("Export key={} dockerInitLayer={}", req.getKey(), req.getDockerInitLayer());
        driver.stat(req.getKey());
        ServerCallStreamObserver<ExportSnapshotResponse> call = (ServerCallStreamObserver<ExportSnapshotResponse>) out;
        ChunkedServerStream<ExportSnapshotResponse> stream = new ChunkedServerStream<>(call,
                data -> ExportSnapshotResponse.newBuilder().setData(data).build());
        exports.execute(() -> {
            try {
                driver.export(req.getKey(), req.getDockerInitLayer(), stream);
                stream.flush();
                call.onCompleted();
            } catch (IOException | RuntimeException e) {
                if (stream.cancelled()) {
                    LOG.debug("export of {} cancelled by the client", req.getKey());
                    return;
                }
                LOG.warn("export of snapshot {} failed: {}", req.getKey(), e.toString());
                call.onError(GrpcErrors.toStatus(e).asRuntimeException());
            }
        });
    }

    @Override
    public void usage(UsageRequest req, StreamObserver<UsageResponse> out) {
        LOG.debug("Usage key={}", req.getKey());
        Usage u = driver.usage(req.getKey());
        out.onNext(UsageResponse.newBuilder().setSizeBytes(u.sizeBytes()).setInodes(u.inodes()).build());
        out.onCompleted();
    }

    /** {@code List}: every snapshot of the requested kind (all kinds when unspecified), from the driver's walk. */
    @Override
    public void list(ListSnapshotsRequest req, StreamObserver<ListSnapshotsResponse> out) {
        LOG.debug("List kind={}", req.getKind());
        ListSnapshotsResponse.Builder b = ListSnapshotsResponse.newBuilder();
        driver.walk(info -> {
            io.berth.proto.storage.v1.SnapshotInfo p = ProtoConverters.snapshotInfo(info);
            if (req.getKind() == io.berth.proto.storage.v1.SnapshotKind.SNAPSHOT_KIND_UNSPECIFIED
                    || req.getKind() == p.getKind()) {
                b.addSnapshots(p);
            }
        });
        out.onNext(b.build());
        out.onCompleted();
    }
}
