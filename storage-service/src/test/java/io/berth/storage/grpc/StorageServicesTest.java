package io.berth.storage.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.berth.common.grpc.ChunkedServerStream;
import io.berth.common.grpc.ExceptionMappingInterceptor;
import io.berth.proto.storage.v1.DeleteImageRequest;
import io.berth.proto.storage.v1.DeleteImageResponse;
import io.berth.proto.storage.v1.GetImageRequest;
import io.berth.proto.storage.v1.GetStorageInfoRequest;
import io.berth.proto.storage.v1.GetStorageInfoResponse;
import io.berth.proto.storage.v1.Image;
import io.berth.proto.storage.v1.ImagesGrpc;
import io.berth.proto.storage.v1.ListImagesRequest;
import io.berth.proto.storage.v1.LoadImageRequest;
import io.berth.proto.storage.v1.LoadImageResponse;
import io.berth.proto.storage.v1.ExportSnapshotRequest;
import io.berth.proto.storage.v1.ExportSnapshotResponse;
import io.berth.proto.storage.v1.MountsRequest;
import io.berth.proto.storage.v1.SnapshotChangesRequest;
import io.berth.proto.storage.v1.PrepareSnapshotRequest;
import io.berth.proto.storage.v1.PrepareSnapshotResponse;
import io.berth.proto.storage.v1.RemoveSnapshotRequest;
import io.berth.proto.storage.v1.SnapshotKind;
import io.berth.proto.storage.v1.SnapshotsGrpc;
import io.berth.proto.storage.v1.StatSnapshotRequest;
import io.berth.proto.storage.v1.UsageRequest;
import io.berth.proto.types.v1.Filters;
import io.berth.proto.types.v1.StringList;
import io.berth.storage.StorageLayout;
import io.berth.storage.image.ImageStore;
import io.berth.storage.snapshot.StorageDriver;
import io.berth.storage.snapshot.overlay.OverlaySnapshotter;
import io.berth.storage.testing.Fixtures;
import io.berth.storage.testing.RecordingEvents;
import io.berth.storage.testing.TestStores;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Images and Snapshots services through an in-process gRPC server with berth's error mapping. */
class StorageServicesTest {
    @TempDir
    Path tmp;
    StorageDriver driver;
    Server server;
    ManagedChannel channel;
    ImagesGrpc.ImagesBlockingStub images;
    SnapshotsGrpc.SnapshotsBlockingStub snapshots;

    @BeforeEach
    void setUp() throws IOException {
        Fixtures.requireRoot();
        StorageLayout layout = new StorageLayout(tmp.resolve("data"));
        driver = new OverlaySnapshotter(layout.driverRoot("overlay2"));
        ImageStore store = TestStores.open(layout, driver, new RecordingEvents());
        String name = InProcessServerBuilder.generateName();
        ExceptionMappingInterceptor errors = new ExceptionMappingInterceptor();
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(ServerInterceptors.intercept(new ImagesService(store), errors))
                .addService(ServerInterceptors.intercept(new SnapshotsService(driver, store), errors))
                .build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        images = ImagesGrpc.newBlockingStub(channel);
        snapshots = SnapshotsGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (driver != null) {
            driver.close();
        }
    }

    /** Streams {@code archive} to LoadImage in 64 KiB chunks and collects the answer. */
    private List<LoadImageResponse> load(byte[] archive) throws Exception {
        List<LoadImageResponse> got = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        StreamObserver<LoadImageRequest> req = ImagesGrpc.newStub(channel).loadImage(new StreamObserver<>() {
            @Override
            public void onNext(LoadImageResponse value) {
                got.add(value);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                done.complete(null);
            }
        });
        for (int off = 0; off < archive.length; off += 65536) {
            int len = Math.min(65536, archive.length - off);
            req.onNext(LoadImageRequest.newBuilder().setQuiet(off == 0)
                    .setChunk(ByteString.copyFrom(archive, off, len)).build());
        }
        req.onCompleted();
        try {
            done.get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
        }
        return got;
    }

    private void loadBusybox() throws Exception {
        load(Files.readAllBytes(Fixtures.image("busybox-1.docker-archive.tar")));
    }

    @Test
    void loadImage_chunkedArchive_answersDockersStreamLines() throws Exception {
        List<LoadImageResponse> r = load(Files.readAllBytes(Fixtures.image("busybox-1.docker-archive.tar")));

        assertEquals(1, r.size());
        assertEquals("Loaded image: fixture/busybox:1\n", r.get(0).getStream());
        assertEquals(List.of("fixture/busybox:1"), r.get(0).getLoadedList());
        Image i = images.getImage(GetImageRequest.newBuilder().setReference("fixture/busybox:1").build()).getImage();
        assertEquals("sha256:eb6c9cccd3c3e8edb4f979950e80df3aed5e761e7f102b86b268f4a27665b2bf", i.getId());
        assertEquals("overlay2", i.getDriver());
        assertTrue(i.getConfigJson().toStringUtf8().contains("\"Cmd\":[\"sh\"]"));
        assertTrue(i.getCreated().getSeconds() > 0);
    }

    @Test
    void loadImage_garbage_isInvalidArgument() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> load("this is not a tar archive at all".repeat(100).getBytes()));

        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    }

    @Test
    void getImage_unknown_isNotFoundWithDockersMessage() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> images.getImage(GetImageRequest.newBuilder().setReference("nonexist").build()));

        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertEquals("No such image: nonexist:latest", e.getStatus().getDescription());
    }

    @Test
    void listAndDeleteAndInfo_workOverGrpc() throws Exception {
        loadBusybox();
        Filters byRef = Filters.newBuilder().putFilters("reference",
                StringList.newBuilder().addValues("fixture/*").build()).build();

        List<Image> listed = new ArrayList<>();
        images.listImages(ListImagesRequest.newBuilder().setFilters(byRef).build())
                .forEachRemaining(b -> listed.addAll(b.getImagesList()));
        GetStorageInfoResponse info = images.getStorageInfo(GetStorageInfoRequest.getDefaultInstance());
        StatusRuntimeException inUse = assertThrows(StatusRuntimeException.class, () -> images.deleteImage(
                DeleteImageRequest.newBuilder().setReference("fixture/busybox:1")
                        .addImageIdsInUse(listed.get(0).getId()).build()));
        DeleteImageResponse deleted = images.deleteImage(DeleteImageRequest.newBuilder()
                .setReference("fixture/busybox:1").build());

        assertEquals(1, listed.size());
        assertEquals(1, info.getImages());
        assertEquals("overlay2", info.getDriver());
        assertEquals(4, info.getDriverStatusCount());
        assertEquals(Status.Code.FAILED_PRECONDITION, inUse.getStatus().getCode());
        assertEquals("fixture/busybox:1", deleted.getItems(0).getUntagged());
        assertEquals(listed.get(0).getId(), deleted.getItems(1).getDeleted());
    }

    @Test
    void deleteImage_forcedWhileARunningContainerUsesIt_untagsButKeepsTheImage() throws Exception {
        loadBusybox();
        String id = images.getImage(GetImageRequest.newBuilder().setReference("fixture/busybox:1").build())
                .getImage().getId();
        String container = "c0ffee" + "0".repeat(58);
        io.berth.proto.storage.v1.ImageUser running = io.berth.proto.storage.v1.ImageUser.newBuilder()
                .setContainerId(container).setImageId(id).setRunning(true).build();

        StatusRuntimeException byTag = assertThrows(StatusRuntimeException.class, () -> images.deleteImage(
                DeleteImageRequest.newBuilder().setReference("fixture/busybox:1").addImageUsers(running).build()));
        DeleteImageResponse forced = images.deleteImage(DeleteImageRequest.newBuilder()
                .setReference("fixture/busybox:1").setForce(true).addImageUsers(running).build());
        StatusRuntimeException byId = assertThrows(StatusRuntimeException.class, () -> images.deleteImage(
                DeleteImageRequest.newBuilder().setReference(id).setForce(true).addImageUsers(running).build()));

        assertEquals("conflict: unable to remove repository reference \"fixture/busybox:1\" (must force) - "
                + "container c0ffee000000 is using its referenced image " + id.substring(7, 19),
                byTag.getStatus().getDescription());
        assertEquals(1, forced.getItemsCount());
        assertEquals("fixture/busybox:1", forced.getItems(0).getUntagged());
        assertEquals("conflict: unable to delete " + id.substring(7, 19) + " (cannot be forced) - image is being "
                + "used by running container c0ffee000000", byId.getStatus().getDescription());
        assertEquals(id, images.getImage(GetImageRequest.newBuilder().setReference(id).build()).getImage().getId());
    }

    @Test
    void removeSnapshot_lastUserOfAForceDeletedImage_releasesItsLayers() throws Exception {
        loadBusybox();
        String top = images.getImage(GetImageRequest.newBuilder().setReference("fixture/busybox:1").build())
                .getImage().getTopChainId();
        String id = images.getImage(GetImageRequest.newBuilder().setReference("fixture/busybox:1").build())
                .getImage().getId();
        snapshots.prepare(PrepareSnapshotRequest.newBuilder().setKey("ctr").setParent(top).build());
        images.deleteImage(DeleteImageRequest.newBuilder().setReference("fixture/busybox:1").setForce(true)
                .addImageUsers(io.berth.proto.storage.v1.ImageUser.newBuilder().setContainerId("ctr")
                        .setImageId(id)).build());
        assertTrue(driver.exists(top), "the layer stays while the container exists");

        snapshots.remove(RemoveSnapshotRequest.newBuilder().setKey("ctr").build());

        List<String> left = new ArrayList<>();
        driver.walk(s -> left.add(s.name()));
        assertEquals(List.of(), left);
    }

    @Test
    void removeSnapshot_layerStillUsedByAnImage_staysForTheImage() throws Exception {
        loadBusybox();
        String top = images.getImage(GetImageRequest.newBuilder().setReference("fixture/busybox:1").build())
                .getImage().getTopChainId();
        snapshots.prepare(PrepareSnapshotRequest.newBuilder().setKey("ctr").setParent(top).build());

        snapshots.remove(RemoveSnapshotRequest.newBuilder().setKey("ctr").build());

        List<String> left = new ArrayList<>();
        driver.walk(s -> left.add(s.name()));
        assertEquals(List.of(top), left);
    }

    @Test
    void snapshots_containerLifecycle_overGrpc() throws Exception {
        loadBusybox();
        String top = images.getImage(GetImageRequest.newBuilder().setReference("fixture/busybox:1").build())
                .getImage().getTopChainId();

        PrepareSnapshotResponse p = snapshots.prepare(PrepareSnapshotRequest.newBuilder().setKey("ctr").setParent(top)
                .build());

        assertEquals("overlay", p.getMounts(0).getType());
        assertTrue(p.getMounts(0).getOptionsList().stream().anyMatch(o -> o.startsWith("upperdir=")));
        assertTrue(p.getDriverDataMap().containsKey("UpperDir"));
        assertEquals(p.getMountsList(), snapshots.mounts(MountsRequest.newBuilder().setKey("ctr").build())
                .getMountsList());
        assertEquals(SnapshotKind.SNAPSHOT_KIND_ACTIVE, snapshots.stat(StatSnapshotRequest.newBuilder().setKey("ctr")
                .build()).getInfo().getKind());
        assertEquals(0, snapshots.usage(UsageRequest.newBuilder().setKey("ctr").build()).getSizeBytes());
        StatusRuntimeException parentBusy = assertThrows(StatusRuntimeException.class,
                () -> snapshots.remove(RemoveSnapshotRequest.newBuilder().setKey(top).build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, parentBusy.getStatus().getCode());
        StatusRuntimeException dup = assertThrows(StatusRuntimeException.class, () -> snapshots.prepare(
                PrepareSnapshotRequest.newBuilder().setKey("ctr").setParent(top).build()));
        assertEquals(Status.Code.ALREADY_EXISTS, dup.getStatus().getCode());
        snapshots.remove(RemoveSnapshotRequest.newBuilder().setKey("ctr").build());
        StatusRuntimeException gone = assertThrows(StatusRuntimeException.class,
                () -> snapshots.stat(StatSnapshotRequest.newBuilder().setKey("ctr").build()));
        assertEquals(Status.Code.NOT_FOUND, gone.getStatus().getCode());
    }

    private String prepareBusyboxContainer() throws Exception {
        loadBusybox();
        String top = images.getImage(GetImageRequest.newBuilder().setReference("fixture/busybox:1").build())
                .getImage().getTopChainId();
        snapshots.prepare(PrepareSnapshotRequest.newBuilder().setKey("ctr").setParent(top).build());
        return top;
    }

    @Test
    void changesAndExport_overGrpc_answerTheSnapshotsTreeAndNotFoundForAnUnknownKey() throws Exception {
        prepareBusyboxContainer();

        assertEquals(0, snapshots.changes(SnapshotChangesRequest.newBuilder().setKey("ctr").setDockerInitLayer(true)
                .build()).getChangesCount());
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        snapshots.export(ExportSnapshotRequest.newBuilder().setKey("ctr").build())
                .forEachRemaining(r -> tar.writeBytes(r.getData().toByteArray()));
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar.toByteArray()))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertTrue(names.contains("bin/busybox"), names.toString());
        assertFalse(names.contains(".dockerenv"));
        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class, () -> snapshots.export(
                ExportSnapshotRequest.newBuilder().setKey("nosuch").build()).hasNext());
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
        StatusRuntimeException noChanges = assertThrows(StatusRuntimeException.class, () -> snapshots.changes(
                SnapshotChangesRequest.newBuilder().setKey("nosuch").build()));
        assertEquals(Status.Code.NOT_FOUND, noChanges.getStatus().getCode());
    }

    @Test
    void export_sendsChunksOnlyAsTheClientAsksForThem() throws Exception {
        prepareBusyboxContainer();
        LinkedBlockingQueue<Object> got = new LinkedBlockingQueue<>();
        AtomicReference<ClientCallStreamObserver<ExportSnapshotRequest>> call = new AtomicReference<>();
        SnapshotsGrpc.newStub(channel).export(ExportSnapshotRequest.newBuilder().setKey("ctr").build(),
                new ClientResponseObserver<ExportSnapshotRequest, ExportSnapshotResponse>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<ExportSnapshotRequest> c) {
                        call.set(c);
                        c.disableAutoRequestWithInitial(1);
                    }

                    @Override
                    public void onNext(ExportSnapshotResponse r) {
                        got.add(r.getData().size());
                    }

                    @Override
                    public void onError(Throwable t) {
                        got.add(t);
                    }

                    @Override
                    public void onCompleted() {
                        got.add("end");
                    }
                });

        assertEquals(ChunkedServerStream.CHUNK_BYTES, got.poll(10, TimeUnit.SECONDS));
        Thread.sleep(500);
        assertTrue(got.size() <= 2, "the server ran ahead of the reader: " + got.size() + " messages buffered");
        long total = ChunkedServerStream.CHUNK_BYTES;
        call.get().request(Integer.MAX_VALUE);
        for (Object o = got.poll(10, TimeUnit.SECONDS); !"end".equals(o); o = got.poll(10, TimeUnit.SECONDS)) {
            assertTrue(o instanceof Integer, String.valueOf(o));
            total += (Integer) o;
        }
        assertTrue(total > 1_900_000, "the busybox tree is about 2 MB: " + total);
    }
}
