package io.berth.gateway.router.containers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.google.protobuf.ByteString;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.NotFoundException;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.gateway.testing.RecordingExchange;
import io.berth.gateway.testing.Requests;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.InspectContainerRequest;
import io.berth.proto.engine.v1.InspectContainerResponse;
import io.berth.proto.storage.v1.ChangeKind;
import io.berth.proto.storage.v1.ExportSnapshotRequest;
import io.berth.proto.storage.v1.ExportSnapshotResponse;
import io.berth.proto.storage.v1.SnapshotChange;
import io.berth.proto.storage.v1.SnapshotChangesRequest;
import io.berth.proto.storage.v1.SnapshotChangesResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class ContainerFilesystemRouterTest {
    static final String ID = "e58bc5" + "0".repeat(58);

    @Mock
    ContainersBackend containers;
    @Mock
    SnapshotsBackend snapshots;

    private ContainerFilesystemRouter router() {
        return new ContainerFilesystemRouter(containers, snapshots);
    }

    private void container(String ref) {
        when(containers.inspect(InspectContainerRequest.newBuilder().setId(ref).build())).thenReturn(
                InspectContainerResponse.newBuilder().setContainer(Container.newBuilder().setId(ID)).build());
    }

    private static SnapshotChange change(String path, ChangeKind kind) {
        return SnapshotChange.newBuilder().setPath(path).setKind(kind).build();
    }

    private static ExportSnapshotResponse chunk(String s) {
        return ExportSnapshotResponse.newBuilder().setData(ByteString.copyFromUtf8(s)).build();
    }

    @Test
    void getContainersChanges_isTheSnapshotsChangesWithDockersNamesAndKinds() {
        container("web");
        when(snapshots.changes(SnapshotChangesRequest.newBuilder().setKey(ID).setDockerInitLayer(true).build()))
                .thenReturn(SnapshotChangesResponse.newBuilder()
                        .addChanges(change("/etc", ChangeKind.CHANGE_KIND_MODIFIED))
                        .addChanges(change("/etc/x", ChangeKind.CHANGE_KIND_ADDED))
                        .addChanges(change("/gone", ChangeKind.CHANGE_KIND_DELETED)).build());
        RecordingExchange ex = new RecordingExchange();

        router().getContainersChanges(Requests.get("/containers/web/changes").param("id", "web").build(), ex);

        assertEquals(200, ex.status.code());
        assertEquals("[{\"Path\":\"/etc\",\"Kind\":0},{\"Path\":\"/etc/x\",\"Kind\":1},"
                + "{\"Path\":\"/gone\",\"Kind\":2}]", ex.text().trim());
    }

    @Test
    void getContainersChanges_nothingChanged_isNullAsDockerdEncodesIt() {
        container("web");
        when(snapshots.changes(any())).thenReturn(SnapshotChangesResponse.getDefaultInstance());
        RecordingExchange ex = new RecordingExchange();

        router().getContainersChanges(Requests.get("/x").param("id", "web").build(), ex);

        assertEquals(200, ex.status.code());
        assertEquals("null", ex.text().trim());
    }

    @Test
    void getContainersChanges_unknownContainer_isTheEnginesNotFound() {
        when(containers.inspect(any())).thenThrow(new NotFoundException("No such container: nosuch"));

        NotFoundException e = assertThrows(NotFoundException.class, () -> router().getContainersChanges(
                Requests.get("/x").param("id", "nosuch").build(), new RecordingExchange()));

        assertEquals("No such container: nosuch", e.getMessage());
        verify(snapshots, never()).changes(any());
    }

    @Test
    void getContainersExport_streamsEachChunkAsATar() throws Exception {
        container("e58");
        when(snapshots.export(ExportSnapshotRequest.newBuilder().setKey(ID).setDockerInitLayer(true).build()))
                .thenReturn(ResponseStream.of(chunk("part1"), chunk("part2")));
        RecordingExchange ex = new RecordingExchange();

        router().getContainersExport(Requests.get("/x").param("id", "e58").build(), ex);

        assertEquals(200, ex.status.code());
        assertEquals("application/x-tar", ex.contentType);
        assertEquals(2, ex.chunks.size());
        assertArrayEquals("part1".getBytes(), ex.chunks.get(0));
        assertTrue(ex.ended);
    }

    @Test
    void getContainersExport_failureBeforeTheFirstChunk_isAnErrorResponse() {
        container("web");
        when(snapshots.export(any())).thenReturn(ResponseStream.of(List.of(),
                new NotFoundException("snapshot " + ID + ": not found")));
        RecordingExchange ex = new RecordingExchange();

        assertThrows(NotFoundException.class, () -> router().getContainersExport(
                Requests.get("/x").param("id", "web").build(), ex));
        assertFalse(ex.chunked);
    }

    @Test
    void getContainersExport_failureMidStream_endsWithoutTheLastChunk() {
        container("web");
        when(snapshots.export(any())).thenReturn(ResponseStream.of(List.of(chunk("part1")),
                new InternalException("cannot read /x")));
        RecordingExchange ex = new RecordingExchange();

        assertThrows(InternalException.class, () -> router().getContainersExport(
                Requests.get("/x").param("id", "web").build(), ex));
        assertEquals(1, ex.chunks.size());
        assertFalse(ex.ended);
    }
}
