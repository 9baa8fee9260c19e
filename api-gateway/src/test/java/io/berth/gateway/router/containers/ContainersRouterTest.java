package io.berth.gateway.router.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import io.berth.common.errors.AlreadyExistsException;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.NotFoundException;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.gateway.testing.RecordingExchange;
import io.berth.gateway.testing.Requests;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.ContainerState;
import io.berth.proto.engine.v1.CreateContainerRequest;
import io.berth.proto.engine.v1.CreateContainerResponse;
import io.berth.proto.engine.v1.InspectContainerRequest;
import io.berth.proto.engine.v1.InspectContainerResponse;
import io.berth.proto.engine.v1.KillContainerRequest;
import io.berth.proto.engine.v1.ListContainersRequest;
import io.berth.proto.engine.v1.RemoveContainerRequest;
import io.berth.proto.engine.v1.StartContainerRequest;
import io.berth.proto.engine.v1.StartContainerResponse;
import io.berth.proto.engine.v1.StopContainerRequest;
import io.berth.proto.engine.v1.StopContainerResponse;
import io.berth.proto.engine.v1.WaitCondition;
import io.berth.proto.engine.v1.WaitContainerRequest;
import io.berth.proto.engine.v1.WaitContainerResponse;
import io.berth.gateway.router.images.ImagesBackend;
import io.berth.gateway.router.system.DiskUsageBackend;
import io.berth.proto.storage.v1.GetImageRequest;
import io.berth.proto.storage.v1.GetImageResponse;
import io.berth.proto.storage.v1.Image;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class ContainersRouterTest {
    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    static final String ID = "9a5a9047818a40cf53d0b0a85305eaadbf5f8214366e736b16139680cb582447";

    @Mock
    ContainersBackend backend;

    @Mock
    DiskUsageBackend snapshots;
    @Mock
    ImagesBackend images;

    ContainersRouter router() {
        return new ContainersRouter(backend, new ContainerSizes(snapshots, images), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static Container running() {
        return Container.newBuilder().setId(ID).setName("/web").setImageId("sha256:abc")
                .setCreated(Timestamp.newBuilder().setSeconds(NOW.getEpochSecond() - 60))
                .setPath("sh").addArgs("-c").addArgs("while true; do echo tick; done")
                .setConfig(ContainerConfig.newBuilder().setImage("fixture/busybox:1").putLabels("capture", "1"))
                .setState(ContainerState.newBuilder().setStatus("running").setRunning(true).setPid(42)
                        .setStartedAt(Timestamp.newBuilder().setSeconds(NOW.getEpochSecond() - 3)))
                .build();
    }

    @Test
    void postContainersCreate_mapsBodyAndAnswers201() {
        when(backend.create(any())).thenReturn(CreateContainerResponse.newBuilder().setId(ID).build());
        RecordingExchange ex = new RecordingExchange();
        router().postContainersCreate(Requests.post("/containers/create").query("name", "web")
                .body("{\"Image\":\"fixture/busybox:1\",\"Cmd\":[\"echo\",\"hello\"],\"HostConfig\":{\"AutoRemove\":true}}")
                .build(), ex);
        ArgumentCaptor<CreateContainerRequest> req = ArgumentCaptor.forClass(CreateContainerRequest.class);
        verify(backend).create(req.capture());
        assertEquals("web", req.getValue().getName());
        assertEquals(List.of("echo", "hello"), req.getValue().getConfig().getCmd().getValuesList());
        assertTrue(req.getValue().getHostConfig().getAutoRemove());
        assertEquals(201, ex.status.code());
        assertEquals("{\"Id\":\"" + ID + "\",\"Warnings\":[]}\n", ex.text());
    }

    @Test
    void postContainersCreate_nameConflict_propagatesCategory() {
        when(backend.create(any())).thenThrow(new AlreadyExistsException("Conflict. The container name \"/web\" is "
                + "already in use"));
        AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> router().postContainersCreate(
                Requests.post("/containers/create").body("{\"Image\":\"x\"}").build(), new RecordingExchange()));
        assertEquals(409, e.category().httpStatus());
    }

    @Test
    void getContainersJSON_listsDockerFields() {
        when(backend.list(any())).thenReturn(List.of(running()));
        RecordingExchange ex = new RecordingExchange();
        router().getContainersJSON(Requests.get("/containers/json").query("all", "1")
                .query("filters", "{\"label\":{\"capture=1\":true}}").build(), ex);
        ArgumentCaptor<ListContainersRequest> req = ArgumentCaptor.forClass(ListContainersRequest.class);
        verify(backend).list(req.capture());
        assertTrue(req.getValue().getAll());
        assertEquals(List.of("capture=1"), req.getValue().getFilters().getFiltersOrThrow("label").getValuesList());
        JsonNode c = ex.json().get(0);
        assertEquals(ID, c.get("Id").asText());
        assertEquals("/web", c.get("Names").get(0).asText());
        assertEquals("fixture/busybox:1", c.get("Image").asText());
        assertEquals("sh -c 'while true; do echo tick; done'", c.get("Command").asText());
        assertEquals(NOW.getEpochSecond() - 60, c.get("Created").asLong());
        assertEquals("running", c.get("State").asText());
        assertEquals("Up 3 seconds", c.get("Status").asText());
        assertEquals("1", c.get("Labels").get("capture").asText());
        assertEquals("default", c.get("HostConfig").get("NetworkMode").asText());
        assertTrue(c.get("Ports").isArray());
    }

    @Test
    void getContainersByName_inspectHasStateAndZeroTimes() {
        Container created = running().toBuilder().setState(ContainerState.newBuilder().setStatus("created")).build();
        when(backend.inspect(InspectContainerRequest.newBuilder().setId("web").build()))
                .thenReturn(InspectContainerResponse.newBuilder().setContainer(created).build());
        RecordingExchange ex = new RecordingExchange();
        router().getContainersByName(Requests.get("/containers/web/json").param("id", "web").build(), ex);
        JsonNode j = ex.json();
        assertEquals("/web", j.get("Name").asText());
        assertEquals("created", j.get("State").get("Status").asText());
        assertEquals("0001-01-01T00:00:00Z", j.get("State").get("StartedAt").asText());
        assertEquals("0001-01-01T00:00:00Z", j.get("State").get("FinishedAt").asText());
        assertEquals("sha256:abc", j.get("Image").asText());
        assertTrue(j.get("ExecIDs").isNull());
        assertEquals(0, j.get("NetworkSettings").get("Networks").size());
        assertFalse(j.has("SizeRw"));
    }

    @Test
    void getContainersByName_withSize_hasSizeRwAndSizeRootFsFromStorage() {
        when(backend.inspect(InspectContainerRequest.newBuilder().setId("web").build()))
                .thenReturn(InspectContainerResponse.newBuilder().setContainer(running()).build());
        when(snapshots.usageBytes(ID)).thenReturn(0L);
        when(images.getImage(GetImageRequest.newBuilder().setReference("sha256:abc").build())).thenReturn(
                GetImageResponse.newBuilder().setImage(Image.newBuilder().setSizeBytes(4_000_000)).build());
        RecordingExchange ex = new RecordingExchange();
        router().getContainersByName(Requests.get("/containers/web/json").query("size", "1").param("id", "web").build(), ex);
        JsonNode j = ex.json();
        assertEquals(0, j.get("SizeRw").asLong(), "present even when 0: moby's *int64");
        assertEquals(4_000_000, j.get("SizeRootFs").asLong());
        List<String> names = new java.util.ArrayList<>();
        j.fieldNames().forEachRemaining(names::add);
        assertEquals(names.indexOf("GraphDriver") + 1, names.indexOf("SizeRw"));
        assertEquals(names.indexOf("SizeRw") + 1, names.indexOf("SizeRootFs"));
    }

    @Test
    void getContainersJSON_withSize_sizesAfterPorts_zeroOmitted_imageAskedOnce() {
        Container other = running().toBuilder().setId("b".repeat(64)).build();
        when(backend.list(any())).thenReturn(List.of(running(), other));
        when(snapshots.usageBytes(ID)).thenReturn(12_288L);
        when(snapshots.usageBytes("b".repeat(64))).thenReturn(0L);
        when(images.getImage(GetImageRequest.newBuilder().setReference("sha256:abc").build())).thenReturn(
                GetImageResponse.newBuilder().setImage(Image.newBuilder().setSizeBytes(1000)).build());
        RecordingExchange ex = new RecordingExchange();
        router().getContainersJSON(Requests.get("/containers/json").query("all", "1").query("size", "1").build(), ex);
        JsonNode j = ex.json();
        assertEquals(12_288, j.get(0).get("SizeRw").asLong());
        assertEquals(13_288, j.get(0).get("SizeRootFs").asLong());
        List<String> names = new java.util.ArrayList<>();
        j.get(0).fieldNames().forEachRemaining(names::add);
        assertEquals(names.indexOf("Ports") + 1, names.indexOf("SizeRw"));
        assertFalse(j.get(1).has("SizeRw"), "moby's omitempty int64");
        assertEquals(1000, j.get(1).get("SizeRootFs").asLong());
        org.mockito.Mockito.verify(images, org.mockito.Mockito.times(1)).getImage(any());
    }

    @Test
    void getContainersByName_unknown_isNotFound() {
        when(backend.inspect(InspectContainerRequest.newBuilder().setId("nope").build()))
                .thenThrow(new NotFoundException("No such container: nope"));
        assertThrows(NotFoundException.class, () -> router().getContainersByName(
                Requests.get("/containers/nope/json").param("id", "nope").build(), new RecordingExchange()));
    }

    @Test
    void postContainersStart_alreadyRunning_is304() {
        when(backend.start(StartContainerRequest.newBuilder().setId("web").build())).thenReturn(
                StartContainerResponse.newBuilder().setAlreadyRunning(true).build(),
                StartContainerResponse.getDefaultInstance());
        RecordingExchange first = new RecordingExchange();
        router().postContainersStart(Requests.post("/x").param("id", "web").build(), first);
        RecordingExchange second = new RecordingExchange();
        router().postContainersStart(Requests.post("/x").param("id", "web").build(), second);
        assertEquals(304, first.status.code());
        assertEquals(204, second.status.code());
    }

    @Test
    void postContainersStop_passesTimeoutAnd304WhenStopped() {
        when(backend.stop(any())).thenReturn(StopContainerResponse.newBuilder().setAlreadyStopped(true).build());
        RecordingExchange ex = new RecordingExchange();
        router().postContainersStop(Requests.post("/x").param("id", "web").query("t", "1").build(), ex);
        ArgumentCaptor<StopContainerRequest> req = ArgumentCaptor.forClass(StopContainerRequest.class);
        verify(backend).stop(req.capture());
        assertEquals(1, req.getValue().getTimeoutSeconds());
        assertEquals(HttpResponseStatus.NOT_MODIFIED, ex.status);
    }

    @Test
    void postContainersStop_withoutT_leavesTimeoutUnset() {
        when(backend.stop(any())).thenReturn(StopContainerResponse.getDefaultInstance());
        router().postContainersStop(Requests.post("/x").param("id", "web").build(), new RecordingExchange());
        ArgumentCaptor<StopContainerRequest> req = ArgumentCaptor.forClass(StopContainerRequest.class);
        verify(backend).stop(req.capture());
        assertFalse(req.getValue().hasTimeoutSeconds());
    }

    @Test
    void postContainersKill_passesSignal() {
        RecordingExchange ex = new RecordingExchange();
        router().postContainersKill(Requests.post("/x").param("id", "web").query("signal", "HUP").build(), ex);
        verify(backend).kill(KillContainerRequest.newBuilder().setId("web").setSignal("HUP").build());
        assertEquals(204, ex.status.code());
    }

    @Test
    void deleteContainers_passesForce() {
        RecordingExchange ex = new RecordingExchange();
        router().deleteContainers(Requests.delete("/x").param("id", "web").query("force", "1").build(), ex);
        verify(backend).remove(RemoveContainerRequest.newBuilder().setId("web").setForce(true).build());
        assertEquals(204, ex.status.code());
    }

    @Test
    void postContainersWait_headersAfterRegistrationThenResult() throws Exception {
        when(backend.waitContainer(any())).thenReturn(ResponseStream.of(
                WaitContainerResponse.newBuilder().setRegistered(true).build(),
                WaitContainerResponse.newBuilder().setStatusCode(3).build()));
        RecordingExchange ex = new RecordingExchange();
        router().postContainersWait(Requests.post("/x").param("id", "web").query("condition", "removed").build(), ex);
        ArgumentCaptor<WaitContainerRequest> req = ArgumentCaptor.forClass(WaitContainerRequest.class);
        verify(backend).waitContainer(req.capture());
        assertEquals(WaitCondition.WAIT_CONDITION_REMOVED, req.getValue().getCondition());
        assertEquals(List.of("headers 200", "chunk", "end"), ex.events);
        assertEquals("{\"Error\":null,\"StatusCode\":3}\n", ex.text());
        assertEquals(1, ex.closeActions.size());
    }

    @Test
    void postContainersWait_engineError_isInBody() throws Exception {
        when(backend.waitContainer(any())).thenReturn(ResponseStream.of(
                WaitContainerResponse.newBuilder().setRegistered(true).build(),
                WaitContainerResponse.newBuilder().setStatusCode(-1).setError("context canceled").build()));
        RecordingExchange ex = new RecordingExchange();
        router().postContainersWait(Requests.post("/x").param("id", "web").build(), ex);
        assertEquals("{\"Error\":{\"Message\":\"context canceled\"},\"StatusCode\":-1}\n", ex.text());
    }

    @Test
    void postContainersWait_unknownContainer_failsBeforeHeaders() {
        when(backend.waitContainer(any())).thenReturn(ResponseStream.of(List.of(),
                new NotFoundException("No such container: nope")));
        RecordingExchange ex = new RecordingExchange();
        assertThrows(NotFoundException.class, () -> router().postContainersWait(
                Requests.post("/x").param("id", "nope").build(), ex));
        assertFalse(ex.responseStarted());
    }

    @Test
    void postContainersWait_streamBrokenAfterHeaders_writesWaitError() throws Exception {
        when(backend.waitContainer(any())).thenReturn(ResponseStream.of(
                List.of(WaitContainerResponse.newBuilder().setRegistered(true).build()),
                new InternalException("engine went away")));
        RecordingExchange ex = new RecordingExchange();
        router().postContainersWait(Requests.post("/x").param("id", "web").build(), ex);
        assertEquals("{\"Error\":{\"Message\":\"engine went away\"},\"StatusCode\":-1}\n", ex.text());
        assertTrue(ex.ended);
    }
}
