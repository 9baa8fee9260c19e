package io.berth.gateway.router.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.common.errors.PermissionDeniedException;
import io.berth.common.json.Json;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.gateway.testing.FakeBidiStream;
import io.berth.gateway.testing.RecordingExchange;
import io.berth.gateway.testing.Requests;
import io.berth.proto.engine.v1.GetArchiveRequest;
import io.berth.proto.engine.v1.GetArchiveResponse;
import io.berth.proto.engine.v1.PathStat;
import io.berth.proto.engine.v1.PutArchiveRequest;
import io.berth.proto.engine.v1.PutArchiveResponse;
import io.berth.proto.engine.v1.StatPathRequest;
import io.berth.proto.engine.v1.StatPathResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class ContainerArchiveRouterTest {
    private static final PathStat LINK = PathStat.newBuilder().setName("x").setSize(11)
            .setMode((int) ((1L << 27) | 0777)).setMtimeSeconds(1700000000).setMtimeNanos(500000000)
            .setLinkTarget("/etc/shadow").build();
    private static final PathStat DIR = PathStat.newBuilder().setName("etc").setSize(4096)
            .setMode((int) ((1L << 31) | 0755)).setMtimeSeconds(1700000000).build();

    @Mock
    ArchivesBackend archives;

    private ContainerArchiveRouter router() {
        return new ContainerArchiveRouter(archives, Runnable::run);
    }

    private static JsonNode statHeader(RecordingExchange ex) {
        return Json.parse(Base64.getDecoder().decode(ex.headers.get("X-Docker-Container-Path-Stat")));
    }

    @Test
    void head_answersTheStatAsBase64JsonWithGoModeBitsAndNoBody() {
        when(archives.statPath(StatPathRequest.newBuilder().setContainer("web").setPath("/x").build()))
                .thenReturn(StatPathResponse.newBuilder().setStat(LINK).build());
        RecordingExchange ex = new RecordingExchange();

        router().headContainersArchive(Requests.get("/containers/web/archive").param("id", "web")
                .query("path", "/x").build(), ex);

        assertEquals(200, ex.status.code());
        assertEquals(0, ex.body.length);
        JsonNode stat = statHeader(ex);
        assertEquals("x", stat.get("name").asText());
        assertEquals(11, stat.get("size").asLong());
        assertEquals((1L << 27) | 0777, stat.get("mode").asLong(), "Go's ModeSymlink|0777");
        assertEquals("2023-11-14T22:13:20.5Z", stat.get("mtime").asText());
        assertEquals("/etc/shadow", stat.get("linkTarget").asText());
        String json = new String(Base64.getDecoder().decode(ex.headers.get("X-Docker-Container-Path-Stat")),
                StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"name\":") && !json.endsWith("\n"), json);
    }

    @Test
    void head_aDirectoryHasGoModeDir() {
        when(archives.statPath(any())).thenReturn(StatPathResponse.newBuilder().setStat(DIR).build());
        RecordingExchange ex = new RecordingExchange();

        router().headContainersArchive(Requests.get("/x").param("id", "web").query("path", "/etc").build(), ex);

        assertEquals(2147484141L, statHeader(ex).get("mode").asLong(), "ModeDir|0755, unsigned as Go's uint32");
    }

    @Test
    void missingPath_isDockerdsBadParameterWithoutCallingTheEngine() {
        RecordingExchange ex = new RecordingExchange();
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> router().getContainersArchive(Requests.get("/x").param("id", "web").build(), ex));
        assertEquals("bad parameter: pathcannot be empty", e.getMessage());
        verify(archives, never()).getArchive(any());
    }

    @Test
    void get_sendsTheStatHeaderThenTheTarChunks() throws Exception {
        when(archives.getArchive(GetArchiveRequest.newBuilder().setContainer("web").setPath("/etc").build()))
                .thenReturn(ResponseStream.of(GetArchiveResponse.newBuilder().setStat(DIR).build(),
                        GetArchiveResponse.newBuilder().setData(ByteString.copyFromUtf8("tar-1")).build(),
                        GetArchiveResponse.newBuilder().setData(ByteString.copyFromUtf8("tar-2")).build()));
        RecordingExchange ex = new RecordingExchange();

        router().getContainersArchive(Requests.get("/x").param("id", "web").query("path", "/etc").build(), ex);

        assertEquals(200, ex.status.code());
        assertEquals("application/x-tar", ex.contentType);
        assertEquals("etc", statHeader(ex).get("name").asText());
        assertEquals("tar-1tar-2", new String(ex.allBytes(), StandardCharsets.UTF_8));
        assertTrue(ex.ended);
    }

    @Test
    void get_engineErrorBeforeTheStat_isThrownBeforeAnyHeader() {
        when(archives.getArchive(any())).thenReturn(ResponseStream.of(List.of(),
                new NotFoundException("Could not find the file /nosuch in container web")));
        RecordingExchange ex = new RecordingExchange();

        assertThrows(NotFoundException.class, () -> router().getContainersArchive(
                Requests.get("/x").param("id", "web").query("path", "/nosuch").build(), ex));
        assertFalse(ex.chunked);
    }

    @Test
    void put_sendsTheTargetWithTheFlagsThenTheBodyAndAnswers200Empty() throws Exception {
        FakeBidiStream<PutArchiveRequest, PutArchiveResponse> call = new FakeBidiStream<>();
        call.respond(PutArchiveResponse.getDefaultInstance()).complete();
        when(archives.putArchive()).thenReturn(call);
        RecordingExchange ex = new RecordingExchange();

        router().putContainersArchive(Requests.post("/x").param("id", "web").query("path", "/tmp")
                .query("noOverwriteDirNonDir", "true").query("copyUIDGID", "1").body("TARBYTES").build(), ex);

        assertEquals(200, ex.status.code());
        assertEquals(0, ex.body.length);
        PutArchiveRequest first = call.sent.get(0);
        assertEquals("web", first.getTarget().getContainer());
        assertEquals("/tmp", first.getTarget().getPath());
        assertTrue(first.getTarget().getNoOverwriteDirNonDir());
        assertTrue(first.getTarget().getCopyUidGid());
        assertEquals("TARBYTES", call.sent.get(1).getData().toStringUtf8());
        assertTrue(call.halfClosed);
    }

    @Test
    void put_engineRefusal_isThrownWithItsCategory() {
        FakeBidiStream<PutArchiveRequest, PutArchiveResponse> call = new FakeBidiStream<>();
        call.fail(new PermissionDeniedException("container rootfs is marked read-only"));
        when(archives.putArchive()).thenReturn(call);
        RecordingExchange ex = new RecordingExchange();

        PermissionDeniedException e = assertThrows(PermissionDeniedException.class, () -> router()
                .putContainersArchive(Requests.post("/x").param("id", "web").query("path", "/tmp").build(), ex));
        assertEquals(403, e.category().httpStatus());
    }
}
