package io.berth.gateway.router.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.json.Json;
import io.berth.gateway.testing.RecordingExchange;
import io.berth.gateway.testing.Requests;
import io.berth.proto.engine.v1.ConnectNetworkRequest;
import io.berth.proto.engine.v1.CreateNetworkRequest;
import io.berth.proto.engine.v1.CreateNetworkResponse;
import io.berth.proto.engine.v1.DisconnectNetworkRequest;
import io.berth.proto.engine.v1.InspectNetworkResponse;
import io.berth.proto.engine.v1.IpamPool;
import io.berth.proto.engine.v1.ListNetworksResponse;
import io.berth.proto.engine.v1.Network;
import io.berth.proto.engine.v1.NetworkContainer;
import io.berth.proto.engine.v1.PruneNetworksResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/** {@link NetworksRouter}: the JSON the docker CLI 28 sends at API 1.41, and dockerd 20.10's answers. */
@ExtendWith(MockitoExtension.class)
class NetworksRouterTest {
    static final String ID = "81da8e40a9c6ffd6e93aa713013df051136a93165f5c84a5acf8127fbf1d5ba1";
    static final String CID = "ab498a21d8773808317dc0459dce6172622f9025185401aa5be1cc1e003bb741";

    @Mock
    NetworksBackend backend;

    @Test
    void create_bindsTheCliBody_answers201IdAndWarning() {
        when(backend.create(any())).thenReturn(CreateNetworkResponse.newBuilder().setId(ID).build());
        RecordingExchange ex = new RecordingExchange();
        // what `docker network create --subnet 10.91.0.0/24 --ip-range 10.91.0.128/25 --gateway 10.91.0.254
        // --internal -o com.docker.network.bridge.enable_icc=false --label x=y n1` sends
        new NetworksRouter(backend).create(Requests.post("/networks/create").body("{\"Name\":\"n1\","
                + "\"CheckDuplicate\":true,\"Driver\":\"bridge\",\"Scope\":\"\",\"EnableIPv6\":false,\"IPAM\":"
                + "{\"Driver\":\"default\",\"Options\":{},\"Config\":[{\"Subnet\":\"10.91.0.0/24\",\"IPRange\":"
                + "\"10.91.0.128/25\",\"Gateway\":\"10.91.0.254\"}]},\"Internal\":true,\"Attachable\":false,"
                + "\"Ingress\":false,\"ConfigOnly\":false,\"ConfigFrom\":null,\"Options\":"
                + "{\"com.docker.network.bridge.enable_icc\":\"false\"},\"Labels\":{\"x\":\"y\"}}").build(), ex);

        assertEquals(201, ex.status.code());
        assertEquals("{\"Id\":\"" + ID + "\",\"Warning\":\"\"}", new String(ex.body, StandardCharsets.UTF_8).trim());
        ArgumentCaptor<CreateNetworkRequest> req = ArgumentCaptor.forClass(CreateNetworkRequest.class);
        verify(backend).create(req.capture());
        CreateNetworkRequest r = req.getValue();
        assertEquals("n1", r.getName());
        assertTrue(r.getCheckDuplicate());
        assertTrue(r.getInternal());
        assertTrue(r.getIpamOptionsSet());
        assertEquals(IpamPool.newBuilder().setSubnet("10.91.0.0/24").setIpRange("10.91.0.128/25")
                .setGateway("10.91.0.254").build(), r.getIpamConfig(0));
        assertEquals("false", r.getOptionsMap().get("com.docker.network.bridge.enable_icc"));
        assertEquals("y", r.getLabelsMap().get("x"));
    }

    @Test
    void create_emptyBody_isGosEof400() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> new NetworksRouter(backend)
                .create(Requests.post("/networks/create").body("").build(), new RecordingExchange()));
        assertEquals("got EOF while reading request body", e.getMessage());
    }

    @Test
    void inspect_dockerdsShape_objectsNeverNull_ipamOptionsNullUnlessGiven() {
        when(backend.inspect(any())).thenReturn(InspectNetworkResponse.newBuilder().setNetwork(Network.newBuilder()
                .setId(ID).setName("n1").setCreated("2026-12-04T21:23:04.87360947Z").setScope("local")
                .setDriver("bridge").setIpamDriver("default")
                .addIpamConfig(IpamPool.newBuilder().setSubnet("172.19.0.0/16").setGateway("172.19.0.1"))
                .addContainers(NetworkContainer.newBuilder().setContainerId(CID).setName("web").setEndpointId("e1")
                        .setMacAddress("02:42:ac:13:00:02").setIpv4Address("172.19.0.2/16"))).build());
        RecordingExchange ex = new RecordingExchange();

        new NetworksRouter(backend).inspect(Requests.get("/networks/n1").param("id", "n1").build(), ex);

        assertEquals("{\"Name\":\"n1\",\"Id\":\"" + ID + "\",\"Created\":\"2026-12-04T21:23:04.87360947Z\","
                + "\"Scope\":\"local\",\"Driver\":\"bridge\",\"EnableIPv6\":false,\"IPAM\":{\"Driver\":\"default\","
                + "\"Options\":null,\"Config\":[{\"Subnet\":\"172.19.0.0/16\",\"Gateway\":\"172.19.0.1\"}]},"
                + "\"Internal\":false,\"Attachable\":false,\"Ingress\":false,\"ConfigFrom\":{\"Network\":\"\"},"
                + "\"ConfigOnly\":false,\"Containers\":{\"" + CID + "\":{\"Name\":\"web\",\"EndpointID\":\"e1\","
                + "\"MacAddress\":\"02:42:ac:13:00:02\",\"IPv4Address\":\"172.19.0.2/16\",\"IPv6Address\":\"\"}},"
                + "\"Options\":{},\"Labels\":{}}", new String(ex.body, StandardCharsets.UTF_8).trim());
    }

    @Test
    void list_anArray() {
        when(backend.list(any())).thenReturn(ListNetworksResponse.newBuilder()
                .addNetworks(Network.newBuilder().setId(ID).setName("bridge").setDriver("bridge"))
                .addNetworks(Network.newBuilder().setId(CID).setName("host").setDriver("host")).build());
        RecordingExchange ex = new RecordingExchange();

        new NetworksRouter(backend).list(Requests.get("/networks").build(), ex);

        JsonNode a = Json.parse(ex.body);
        assertEquals(2, a.size());
        assertEquals("host", a.get(1).get("Name").asText());
        assertEquals(0, a.get(1).get("IPAM").get("Config").size());
    }

    @Test
    void connect_endpointConfig_reachesTheEngine_200Empty() {
        RecordingExchange ex = new RecordingExchange();

        new NetworksRouter(backend).connect(Requests.post("/networks/n1/connect").param("id", "n1")
                .body("{\"Container\":\"web\",\"EndpointConfig\":{\"IPAMConfig\":{\"IPv4Address\":\"10.91.0.9\"},"
                        + "\"Links\":null,\"Aliases\":[\"www\"],\"NetworkID\":\"\",\"EndpointID\":\"\","
                        + "\"Gateway\":\"\",\"IPAddress\":\"\",\"DriverOpts\":null}}").build(), ex);

        assertEquals(200, ex.status.code());
        ArgumentCaptor<ConnectNetworkRequest> req = ArgumentCaptor.forClass(ConnectNetworkRequest.class);
        verify(backend).connect(req.capture());
        assertEquals("n1", req.getValue().getNetwork());
        assertEquals("web", req.getValue().getContainer());
        assertEquals("10.91.0.9", req.getValue().getEndpoint().getIpv4Address());
        assertEquals("www", req.getValue().getEndpoint().getAliases(0));
    }

    @Test
    void disconnect_force_reachesTheEngine() {
        RecordingExchange ex = new RecordingExchange();

        new NetworksRouter(backend).disconnect(Requests.post("/networks/n1/disconnect").param("id", "n1")
                .body("{\"Container\":\"web\",\"Force\":true}").build(), ex);

        assertEquals(200, ex.status.code());
        verify(backend).disconnect(DisconnectNetworkRequest.newBuilder().setNetwork("n1").setContainer("web")
                .setForce(true).build());
    }

    @Test
    void prune_nullWhenNothingWasDeleted_elseTheNames() {
        when(backend.prune(any())).thenReturn(PruneNetworksResponse.getDefaultInstance(),
                PruneNetworksResponse.newBuilder().addNetworksDeleted("n1").build());
        RecordingExchange none = new RecordingExchange();
        RecordingExchange one = new RecordingExchange();

        new NetworksRouter(backend).postNetworksPrune(Requests.post("/networks/prune").build(), none);
        new NetworksRouter(backend).postNetworksPrune(Requests.post("/networks/prune").build(), one);

        assertEquals("{\"NetworksDeleted\":null}", new String(none.body, StandardCharsets.UTF_8).trim());
        assertEquals("{\"NetworksDeleted\":[\"n1\"]}", new String(one.body, StandardCharsets.UTF_8).trim());
    }
}
