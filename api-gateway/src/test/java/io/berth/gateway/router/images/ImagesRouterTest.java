package io.berth.gateway.router.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.gateway.http.ApiRequest;
import io.berth.gateway.http.RequestBodyStream;
import io.berth.gateway.testing.FakeBidiStream;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.gateway.router.registry.DistributionBackend;
import io.berth.gateway.testing.RecordingExchange;
import io.berth.proto.storage.v1.DistributionProgress;
import io.berth.proto.storage.v1.PullImageRequest;
import io.berth.proto.storage.v1.PushResult;
import io.berth.gateway.testing.Requests;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.ContainerState;
import io.berth.proto.engine.v1.ListContainersRequest;
import io.berth.proto.storage.v1.DeleteImageItem;
import io.berth.proto.storage.v1.DeleteImageRequest;
import io.berth.proto.storage.v1.DeleteImageResponse;
import io.berth.proto.storage.v1.GetImageRequest;
import io.berth.proto.storage.v1.GetImageResponse;
import io.berth.proto.storage.v1.Image;
import io.berth.proto.storage.v1.ImageUser;
import io.berth.proto.storage.v1.ListImagesRequest;
import io.berth.proto.storage.v1.LoadImageRequest;
import io.berth.proto.storage.v1.LoadImageResponse;
import io.berth.proto.storage.v1.TagImageRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class ImagesRouterTest {
    @Mock
    ImagesBackend backend;

    ImagesRouter router() {
        return new ImagesRouter(backend, Runnable::run);
    }

    static Image image() {
        return Image.newBuilder().setId("sha256:" + "c".repeat(64)).addRepoTags("fixture/busybox:1")
                .setConfigJson(ByteString.copyFromUtf8("{\"config\":{\"Cmd\":[\"sh\"]},\"rootfs\":{\"type\":\"layers\","
                        + "\"diff_ids\":[\"sha256:aaa\"]}}"))
                .setSizeBytes(4096).build();
    }

    static ApiRequest load(RequestBodyStream body, String quiet) {
        return new ApiRequest(HttpMethod.POST, "/images/load", "1.41", Map.of(),
                new io.berth.gateway.http.QueryParams(Map.of("quiet", List.of(quiet))),
                new io.netty.handler.codec.http.DefaultHttpHeaders(), new byte[0], body);
    }

    @Test
    void getImagesJSON_passesFiltersAndListsSummaries() {
        when(backend.listImages(any())).thenReturn(List.of(image()));
        RecordingExchange ex = new RecordingExchange();
        router().getImagesJSON(Requests.get("/images/json").query("all", "1")
                .query("filters", "{\"reference\":{\"cap*\":true}}").build(), ex);
        ArgumentCaptor<ListImagesRequest> req = ArgumentCaptor.forClass(ListImagesRequest.class);
        verify(backend).listImages(req.capture());
        assertTrue(req.getValue().getAll());
        assertEquals(List.of("cap*"), req.getValue().getFilters().getFiltersOrThrow("reference").getValuesList());
        JsonNode i = ex.json().get(0);
        assertEquals("sha256:" + "c".repeat(64), i.get("Id").asText());
        assertEquals(4096, i.get("Size").asLong());
        assertEquals("application/json", ex.contentType);
    }

    @Test
    void getImagesByName_inspectsTheReference() {
        when(backend.getImage(GetImageRequest.newBuilder().setReference("fixture/busybox:1").build()))
                .thenReturn(GetImageResponse.newBuilder().setImage(image()).build());
        RecordingExchange ex = new RecordingExchange();
        router().getImagesByName(Requests.get("/x").param("name", "fixture/busybox:1").build(), ex);
        assertEquals("sha256:aaa", ex.json().get("RootFS").get("Layers").get(0).asText());
        assertEquals("sh", ex.json().get("Config").get("Cmd").get(0).asText());
    }

    @Test
    void getImagesByName_unknown_isNotFound() {
        when(backend.getImage(GetImageRequest.newBuilder().setReference("nope").build()))
                .thenThrow(new NotFoundException("No such image: nope:latest"));
        assertThrows(NotFoundException.class, () -> router().getImagesByName(
                Requests.get("/x").param("name", "nope").build(), new RecordingExchange()));
    }

    @Test
    void postImagesTag_joinsRepoAndTagAndAnswers201() {
        RecordingExchange ex = new RecordingExchange();
        router().postImagesTag(Requests.post("/x").param("name", "capbb:full")
                .query("repo", "docker.io/library/capbb").query("tag", "tagged").build(), ex);
        verify(backend).tagImage(TagImageRequest.newBuilder().setSource("capbb:full")
                .setTarget("docker.io/library/capbb:tagged").build());
        assertEquals(HttpResponseStatus.CREATED, ex.status);
    }

    @Test
    void postImagesTag_withoutRepo_isBadRequest() {
        assertThrows(InvalidArgumentException.class, () -> router().postImagesTag(
                Requests.post("/x").param("name", "a").build(), new RecordingExchange()));
    }

    @Test
    void deleteImages_passesContainersUsingImagesAndListsItems() {
        ImageUser running = ImageUser.newBuilder().setContainerId("c1").setImageId("sha256:used").setRunning(true)
                .build();
        ImageUser stopped = ImageUser.newBuilder().setContainerId("c2").setImageId("sha256:used").build();
        when(backend.listContainers(ListContainersRequest.newBuilder().setAll(true).build())).thenReturn(List.of(
                Container.newBuilder().setId("c1").setImageId("sha256:used")
                        .setState(ContainerState.newBuilder().setRunning(true)).build(),
                Container.newBuilder().setId("c2").setImageId("sha256:used").build()));
        when(backend.deleteImage(any())).thenReturn(DeleteImageResponse.newBuilder()
                .addItems(DeleteImageItem.newBuilder().setUntagged("capcommit:v1"))
                .addItems(DeleteImageItem.newBuilder().setDeleted("sha256:abc")).build());
        RecordingExchange ex = new RecordingExchange();
        router().deleteImages(Requests.delete("/x").param("name", "capcommit:v1").query("force", "0").build(), ex);
        ArgumentCaptor<DeleteImageRequest> req = ArgumentCaptor.forClass(DeleteImageRequest.class);
        verify(backend).deleteImage(req.capture());
        assertEquals(List.of(running, stopped), req.getValue().getImageUsersList());
        assertEquals(List.of("sha256:used"), req.getValue().getImageIdsInUseList());
        assertEquals("[{\"Untagged\":\"capcommit:v1\"},{\"Deleted\":\"sha256:abc\"}]\n", ex.text());
    }

    @Test
    void postImagesCreate_pull_relaysStoragesProgressAsDockersJsonStream() throws Exception {
        DistributionBackend distribution = mock(DistributionBackend.class);
        when(distribution.pullImage(any())).thenReturn(ResponseStream.of(
                DistributionProgress.newBuilder().setId("1").setStatus("Pulling from x").build(),
                DistributionProgress.newBuilder().setId("abc").setStatus("Downloading").setHasDetail(true)
                        .setCurrent(1500).setTotal(3000).build(),
                DistributionProgress.newBuilder().setId("abc").setStatus("Pull complete").setHasDetail(true).build(),
                DistributionProgress.newBuilder().setStatus("Digest: sha256:1").build()));
        RecordingExchange ex = new RecordingExchange();
        String auth = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"username\":\"u\",\"password\":\"p\",\"serveraddress\":\"h:5000\"}".getBytes());
        new ImagesRouter(backend, distribution, Runnable::run).postImagesCreate(Requests.post("/images/create")
                .query("fromImage", "h:5000/x").query("tag", "sha256:" + "a".repeat(64))
                .header("X-Registry-Auth", auth).build(), ex);
        ArgumentCaptor<PullImageRequest> req = ArgumentCaptor.forClass(PullImageRequest.class);
        verify(distribution).pullImage(req.capture());
        assertEquals("h:5000/x@sha256:" + "a".repeat(64), req.getValue().getReference());
        assertEquals("u", req.getValue().getAuth().getUsername());
        assertEquals("p", req.getValue().getAuth().getPassword());
        assertEquals("{\"status\":\"Pulling from x\",\"id\":\"1\"}\n"
                + "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":1500,\"total\":3000},"
                + "\"progress\":\"[" + "=".repeat(25) + ">" + " ".repeat(25) + "]    1.5kB/3kB\",\"id\":\"abc\"}\n"
                + "{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"abc\"}\n"
                + "{\"status\":\"Digest: sha256:1\"}\n", ex.text());
    }

    @Test
    void postImagesCreate_emptyTag_asksForEveryTag_anExplicitTagDoesNot() throws Exception {
        DistributionBackend distribution = mock(DistributionBackend.class);
        when(distribution.pullImage(any())).thenReturn(ResponseStream.of(
                DistributionProgress.newBuilder().setStatus("Status: Image is up to date for h:5000/x").build()));
        ImagesRouter router = new ImagesRouter(backend, distribution, Runnable::run);
        router.postImagesCreate(Requests.post("/images/create").query("fromImage", "h:5000/x").build(),
                new RecordingExchange());
        router.postImagesCreate(Requests.post("/images/create").query("fromImage", "h:5000/x").query("tag", "1")
                .build(), new RecordingExchange());
        router.postImagesCreate(Requests.post("/images/create").query("fromImage", "h:5000/x:2").build(),
                new RecordingExchange());
        ArgumentCaptor<PullImageRequest> req = ArgumentCaptor.forClass(PullImageRequest.class);
        verify(distribution, org.mockito.Mockito.times(3)).pullImage(req.capture());
        assertEquals(List.of(true, false, false), req.getAllValues().stream().map(PullImageRequest::getAllTags).toList());
        assertEquals("h:5000/x", req.getAllValues().get(0).getReference());
    }

    @Test
    void postImagesCreate_pullErrors_beforeProgressAreHttpErrors_afterAreStreamErrors() throws Exception {
        DistributionBackend distribution = mock(DistributionBackend.class);
        when(distribution.pullImage(any())).thenReturn(ResponseStream.of(List.of(),
                new NotFoundException("manifest for x:1 not found: manifest unknown: manifest unknown")));
        ImagesRouter router = new ImagesRouter(backend, distribution, Runnable::run);
        assertThrows(NotFoundException.class, () -> router.postImagesCreate(
                Requests.post("/images/create").query("fromImage", "x").query("tag", "1").build(), new RecordingExchange()));
        when(distribution.pullImage(any())).thenReturn(ResponseStream.of(List.of(
                DistributionProgress.newBuilder().setId("1").setStatus("Pulling from x").build()),
                new InvalidArgumentException("filesystem layer verification failed")));
        RecordingExchange ex = new RecordingExchange();
        router.postImagesCreate(Requests.post("/images/create").query("fromImage", "x").query("tag", "1").build(), ex);
        assertTrue(ex.text().endsWith("{\"errorDetail\":{\"message\":\"filesystem layer verification failed\"},"
                + "\"error\":\"filesystem layer verification failed\"}\n"), ex.text());
    }

    @Test
    void postImagesPush_withoutAuthHeaderOrBody_isDockerds400_andTheAuxLineIsWritten() throws Exception {
        DistributionBackend distribution = mock(DistributionBackend.class);
        ImagesRouter router = new ImagesRouter(backend, distribution, Runnable::run);
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> router.postImagesPush(
                Requests.post("/images/x/push").param("name", "h:5000/x").build(), new RecordingExchange()));
        assertEquals("Bad parameters and missing X-Registry-Auth: EOF", e.getMessage());
        when(distribution.pushImage(any())).thenReturn(ResponseStream.of(DistributionProgress.newBuilder()
                .setHasDetail(true).setAux(PushResult.newBuilder().setTag("1").setDigest("sha256:d").setSize(528)).build()));
        RecordingExchange ex = new RecordingExchange();
        router.postImagesPush(Requests.post("/images/x/push").param("name", "h:5000/x").query("tag", "1")
                .header("X-Registry-Auth", "e30=").build(), ex);
        assertEquals("{\"progressDetail\":{},\"aux\":{\"Tag\":\"1\",\"Digest\":\"sha256:d\",\"Size\":528}}\n", ex.text());
    }

    @Test
    void postImagesPush_withABadAuthBody_isGosDecoderText_neverJacksons() {
        ImagesRouter router = new ImagesRouter(backend, mock(DistributionBackend.class), Runnable::run);
        java.util.Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"username\":", "unexpected EOF"); // found by FuzzIT: Jackson's "[Source: REDACTED ...]" text
        cases.put("{\"username\" 1}", "invalid character '1' after object key");
        cases.put("[]", "json: cannot unmarshal array into Go value of type types.AuthConfig");
        cases.put("{\"username\":{}}", "json: cannot unmarshal object into Go struct field AuthConfig.username of type "
                + "string");
        cases.forEach((body, go) -> {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> router.postImagesPush(
                    Requests.post("/images/x/push").param("name", "h:5000/x").body(body).build(),
                    new RecordingExchange()));
            assertEquals("Bad parameters and missing X-Registry-Auth: " + go, e.getMessage(), body);
        });
    }

    @Test
    void postImagesLoad_streamsChunksAndReportsProgress() throws Exception {
        FakeBidiStream<LoadImageRequest, LoadImageResponse> call = new FakeBidiStream<>();
        when(backend.loadImage()).thenReturn(call);
        call.respond(LoadImageResponse.newBuilder().setStream("Loaded image: fixture/busybox:1\n")
                .addLoaded("fixture/busybox:1").build()).complete();
        RecordingExchange ex = new RecordingExchange();
        router().routes().stream().filter(r -> r.name().equals("postImagesLoad")).findFirst().orElseThrow()
                .handler().handle(load(RequestBodyStream.of("abc".getBytes(StandardCharsets.UTF_8),
                        "def".getBytes(StandardCharsets.UTF_8)), "1"), ex);
        assertTrue(call.sent.get(0).getQuiet());
        assertEquals("abc", call.sent.get(1).getChunk().toStringUtf8());
        assertEquals("def", call.sent.get(2).getChunk().toStringUtf8());
        assertTrue(call.halfClosed);
        assertEquals("application/json", ex.contentType);
        assertEquals("{\"stream\":\"Loaded image: fixture/busybox:1\\n\"}\n", ex.text());
        assertTrue(ex.ended);
    }

    @Test
    void postImagesLoad_badArchiveBeforeProgress_isAnHttpError() {
        FakeBidiStream<LoadImageRequest, LoadImageResponse> call = new FakeBidiStream<>();
        when(backend.loadImage()).thenReturn(call);
        call.fail(new InvalidArgumentException("not a docker-archive or OCI layout"));
        RecordingExchange ex = new RecordingExchange();
        assertThrows(InvalidArgumentException.class, () -> router().routes().stream()
                .filter(r -> r.name().equals("postImagesLoad")).findFirst().orElseThrow()
                .handler().handle(load(RequestBodyStream.of(new byte[] {1}), "0"), ex));
        assertTrue(call.closed);
    }

    @Test
    void postImagesLoad_errorAfterProgress_isAStreamErrorObject() throws Exception {
        FakeBidiStream<LoadImageRequest, LoadImageResponse> call = new FakeBidiStream<>();
        when(backend.loadImage()).thenReturn(call);
        call.respond(LoadImageResponse.newBuilder().setStream("Loading layer\n").build())
                .fail(new InvalidArgumentException("layer escapes the root"));
        RecordingExchange ex = new RecordingExchange();
        router().routes().stream().filter(r -> r.name().equals("postImagesLoad")).findFirst().orElseThrow()
                .handler().handle(load(RequestBodyStream.of(new byte[] {1}), "0"), ex);
        assertEquals("{\"stream\":\"Loading layer\\n\"}\n"
                + "{\"errorDetail\":{\"message\":\"layer escapes the root\"},\"error\":\"layer escapes the root\"}\n",
                ex.text());
    }
}
