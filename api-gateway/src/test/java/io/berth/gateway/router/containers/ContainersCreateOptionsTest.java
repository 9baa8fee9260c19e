package io.berth.gateway.router.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotImplementedException;
import io.berth.common.json.Json;
import io.berth.gateway.testing.RecordingExchange;
import io.berth.gateway.testing.Requests;
import io.berth.gateway.types.containers.ContainerInspectMapper;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.CreateContainerRequest;
import io.berth.proto.engine.v1.CreateContainerResponse;
import io.berth.proto.engine.v1.HostConfig;
import io.berth.proto.engine.v1.PortBinding;
import io.berth.proto.engine.v1.PortBindings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/**
 * {@code POST /containers/create} with docker run's HostConfig options: the JSON → proto mapping of what
 * berth implements, the 501 refusals of what it does not (zero values accepted, real values refused before
 * the engine is called), and the HostConfig echoed by inspect.
 */
@ExtendWith(MockitoExtension.class)
class ContainersCreateOptionsTest {
    /** The HostConfig docker CLI 28.2 sends for a plain "docker run --rm img echo hi" (captured). */
    static final String CLI_ZERO_HOST_CONFIG = "{\"Binds\":null,\"ContainerIDFile\":\"\",\"LogConfig\":{\"Type\":\"\","
            + "\"Config\":{}},\"NetworkMode\":\"default\",\"PortBindings\":{},\"RestartPolicy\":{\"Name\":\"no\","
            + "\"MaximumRetryCount\":0},\"AutoRemove\":true,\"VolumeDriver\":\"\",\"VolumesFrom\":null,"
            + "\"ConsoleSize\":[0,0],\"CapAdd\":null,\"CapDrop\":null,\"CgroupnsMode\":\"\",\"Dns\":[],"
            + "\"DnsOptions\":[],\"DnsSearch\":[],\"ExtraHosts\":null,\"GroupAdd\":null,\"IpcMode\":\"\","
            + "\"Cgroup\":\"\",\"Links\":null,\"OomScoreAdj\":0,\"PidMode\":\"\",\"Privileged\":false,"
            + "\"PublishAllPorts\":false,\"ReadonlyRootfs\":false,\"SecurityOpt\":null,\"UTSMode\":\"\","
            + "\"UsernsMode\":\"\",\"ShmSize\":0,\"Isolation\":\"\",\"CpuShares\":0,\"Memory\":0,\"NanoCpus\":0,"
            + "\"CgroupParent\":\"\",\"BlkioWeight\":0,\"BlkioWeightDevice\":[],\"BlkioDeviceReadBps\":[],"
            + "\"BlkioDeviceWriteBps\":[],\"BlkioDeviceReadIOps\":[],\"BlkioDeviceWriteIOps\":[],\"CpuPeriod\":0,"
            + "\"CpuQuota\":0,\"CpuRealtimePeriod\":0,\"CpuRealtimeRuntime\":0,\"CpusetCpus\":\"\","
            + "\"CpusetMems\":\"\",\"Devices\":[],\"DeviceCgroupRules\":null,\"DeviceRequests\":null,"
            + "\"MemoryReservation\":0,\"MemorySwap\":0,\"MemorySwappiness\":-1,\"OomKillDisable\":false,"
            + "\"PidsLimit\":0,\"Ulimits\":[],\"CpuCount\":0,\"CpuPercent\":0,\"IOMaximumIOps\":0,"
            + "\"IOMaximumBandwidth\":0,\"MaskedPaths\":null,\"ReadonlyPaths\":null}";

    @Mock
    ContainersBackend backend;

    @BeforeEach
    void answers() {
        lenient().when(backend.create(any())).thenReturn(CreateContainerResponse.newBuilder().setId("abc").build());
    }

    private ContainersRouter router() {
        return new ContainersRouter(backend, org.mockito.Mockito.mock(io.berth.gateway.router.containers.ContainerSizes.class), Clock.systemUTC());
    }

    private static String body(String hostConfig) {
        return "{\"Image\":\"fixture/busybox:1\",\"Cmd\":[\"echo\",\"hi\"],\"HostConfig\":" + hostConfig + "}";
    }

    /** @return the HostConfig the engine got */
    private HostConfig create(String hostConfig) {
        RecordingExchange ex = new RecordingExchange();
        router().postContainersCreate(Requests.post("/containers/create").body(body(hostConfig)).build(), ex);
        assertEquals(201, ex.status.code());
        ArgumentCaptor<CreateContainerRequest> req = ArgumentCaptor.forClass(CreateContainerRequest.class);
        verify(backend).create(req.capture());
        return req.getValue().getHostConfig();
    }

    private NotImplementedException refused(String hostConfig) {
        NotImplementedException e = assertThrows(NotImplementedException.class, () -> router().postContainersCreate(
                Requests.post("/containers/create").body(body(hostConfig)).build(), new RecordingExchange()));
        verify(backend, never()).create(any());
        return e;
    }

    @Test
    void create_cliZeroValues_accepted() {
        HostConfig hc = create(CLI_ZERO_HOST_CONFIG);

        assertTrue(hc.getAutoRemove());
        assertEquals("no", hc.getRestartPolicy());
        assertEquals(0, hc.getBindsCount() + hc.getMountsCount() + hc.getUlimitsCount() + hc.getDnsCount());
        assertEquals(0, hc.getNanoCpus());
    }

    @Test
    void create_dockerJavaNulls_accepted() {
        HostConfig hc = create("{\"Binds\":[],\"PublishAllPorts\":null,\"Links\":null,"
                + "\"Devices\":null,\"Init\":null,\"RestartPolicy\":null,\"Mounts\":null,"
                + "\"Ulimits\":null,\"Tmpfs\":null,\"MemorySwappiness\":null,\"ShmSize\":null,\"CapAdd\":null,"
                + "\"Privileged\":null,\"NetworkMode\":null,\"VolumesFrom\":[],\"IpcMode\":\"private\","
                + "\"PortBindings\":{\"80/tcp\":null},\"Runtime\":\"runc\"}");

        assertEquals(HostConfig.newBuilder().setIpcMode("private").setRuntime("runc")
                .putPortBindings("80/tcp", PortBindings.getDefaultInstance()).build(), hc,
                "only the values given (a port with a null list: kept, publishes nothing)");
    }

    @Test
    void create_cliRunFlags_mappedToTheEngine() {
        HostConfig hc = create("{\"Binds\":[\"/tmp/x:/x:ro\"],\"NetworkMode\":\"host\",\"PortBindings\":{},"
                + "\"CapAdd\":[\"CAP_NET_ADMIN\"],\"CapDrop\":[\"ALL\"],\"Dns\":[\"1.1.1.1\"],"
                + "\"DnsOptions\":[\"ndots:2\"],\"DnsSearch\":[\"example.com\"],\"ExtraHosts\":[\"a:1.2.3.4\"],"
                + "\"Privileged\":true,\"ReadonlyRootfs\":true,\"Tmpfs\":{\"/run\":\"size=64m\"},"
                + "\"NanoCpus\":500000000,\"CpuPeriod\":100000,\"CpuQuota\":50000,\"CpusetCpus\":\"0\","
                + "\"CpusetMems\":\"0\",\"CpuShares\":512,\"Memory\":67108864,\"PidsLimit\":64,"
                + "\"Ulimits\":[{\"Name\":\"nofile\",\"Hard\":200,\"Soft\":100}],"
                + "\"Mounts\":[{\"Type\":\"tmpfs\",\"Target\":\"/t\",\"TmpfsOptions\":{\"SizeBytes\":1048576,"
                + "\"Mode\":493}},{\"Type\":\"bind\",\"Source\":\"/tmp\",\"Target\":\"/tt\",\"ReadOnly\":true,"
                + "\"BindOptions\":{\"Propagation\":\"rslave\",\"NonRecursive\":true}}]}");

        assertEquals(List.of("/tmp/x:/x:ro"), hc.getBindsList());
        assertEquals("host", hc.getNetworkMode());
        assertEquals(List.of("CAP_NET_ADMIN"), hc.getCapAddList());
        assertEquals(List.of("ALL"), hc.getCapDropList());
        assertEquals(List.of("1.1.1.1"), hc.getDnsList());
        assertEquals(List.of("ndots:2"), hc.getDnsOptionsList());
        assertEquals(List.of("example.com"), hc.getDnsSearchList());
        assertEquals(List.of("a:1.2.3.4"), hc.getExtraHostsList());
        assertTrue(hc.getPrivileged() && hc.getReadonlyRootfs());
        assertEquals(Map.of("/run", "size=64m"), hc.getTmpfsMap());
        assertEquals(500_000_000L, hc.getNanoCpus());
        assertEquals(100_000, hc.getCpuPeriod());
        assertEquals(50_000, hc.getCpuQuota());
        assertEquals("0", hc.getCpusetCpus());
        assertEquals("0", hc.getCpusetMems());
        assertEquals(512, hc.getCpuShares());
        assertEquals(67108864, hc.getMemoryBytes());
        assertEquals(64, hc.getPidsLimit());
        assertEquals(HostConfig.Ulimit.newBuilder().setName("nofile").setSoft(100).setHard(200).build(),
                hc.getUlimits(0));
        assertEquals(HostConfig.Mount.newBuilder().setType("tmpfs").setTarget("/t").setTmpfsSizeBytes(1048576)
                .setTmpfsMode(0755).build(), hc.getMounts(0));
        assertEquals(HostConfig.Mount.newBuilder().setType("bind").setSource("/tmp").setTarget("/tt")
                .setReadOnly(true).setPropagation("rslave").setNonRecursive(true).build(), hc.getMounts(1));
    }

    @Test
    void create_publishedPorts_passedAsGiven() {
        HostConfig hc = create("{\"PublishAllPorts\":true,\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"\","
                + "\"HostPort\":\"8080\"},{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"\"}],"
                + "\"53/udp\":[{\"hostport\":\"8000-8010\"}]}}");

        assertTrue(hc.getPublishAllPorts());
        assertEquals(PortBindings.newBuilder().addBindings(PortBinding.newBuilder().setHostPort("8080"))
                .addBindings(PortBinding.newBuilder().setHostIp("127.0.0.1")).build(), hc.getPortBindingsOrThrow("80/tcp"));
        assertEquals(PortBindings.newBuilder().addBindings(PortBinding.newBuilder().setHostPort("8000-8010")).build(),
                hc.getPortBindingsOrThrow("53/udp"), "field names matched ignoring case, as Go does");
    }

    @Test
    void create_portBindingOfTheWrongType_400AsGo() {
        for (String hc : List.of("{\"PortBindings\":{\"80/tcp\":[{\"HostPort\":8080}]}}",
                "{\"PortBindings\":{\"80/tcp\":{\"HostPort\":\"8080\"}}}", "{\"PublishAllPorts\":\"yes\"}")) {
            assertThrows(InvalidArgumentException.class, () -> router().postContainersCreate(
                    Requests.post("/containers/create").body(body(hc)).build(), new RecordingExchange()), hc);
        }
        verify(backend, never()).create(any());
    }

    @Test
    void create_publishedPortsWithHostNetwork_reachTheEngine() {
        HostConfig hc = create("{\"NetworkMode\":\"host\",\"PortBindings\":{\"80/tcp\":[{\"HostPort\":\"80\"}]}}");

        assertEquals("host", hc.getNetworkMode());
        assertEquals("80", hc.getPortBindingsOrThrow("80/tcp").getBindings(0).getHostPort(),
                "the engine warns and publishes nothing, as dockerd");
    }

    @Test
    void create_eachUnsupportedOption_501WithItsMessage() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("{\"VolumeDriver\":\"flocker\"}", "berth does not support volume drivers other than local yet"),
                Map.entry("{\"StorageOpt\":{\"size\":\"1G\"}}",
                        "berth does not support --storage-opt (storage options per container) yet"),
                Map.entry("{\"UsernsMode\":\"private\"}", "berth does not support user namespaces (--userns) yet"),
                Map.entry("{\"DeviceRequests\":[{\"Count\":-1}]}",
                        "berth does not support device requests (--gpus) yet"));
        cases.forEach((hostConfig, message) -> assertEquals(message, refused(hostConfig).getMessage(), hostConfig));
    }

    @Test
    void create_badTypes_400() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> router().postContainersCreate(
                Requests.post("/containers/create").body(body("{\"Mounts\":{\"Type\":\"bind\"}}")).build(),
                new RecordingExchange()));
        assertTrue(e.getMessage().contains("Mounts must be an array of objects"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> router().postContainersCreate(Requests
                .post("/containers/create").body(body("{\"Ulimits\":[{\"Name\":\"nofile\",\"Soft\":\"a\"}]}")).build(),
                new RecordingExchange()));
    }

    @Test
    void inspect_echoesTheOptionsWithDockerNames() {
        HostConfig hc = HostConfig.newBuilder().addBinds("/tmp/x:/x:ro").addCapAdd("CAP_NET_ADMIN")
                .addCapDrop("ALL").addDns("1.1.1.1").addDnsSearch("example.com").addDnsOptions("ndots:2")
                .addExtraHosts("a:1.2.3.4").putTmpfs("/run", "size=64m").setNanoCpus(500_000_000L)
                .setCpuQuota(50_000).setCpuPeriod(100_000).setCpusetCpus("0").setNetworkMode("host")
                .addUlimits(HostConfig.Ulimit.newBuilder().setName("nofile").setSoft(100).setHard(200))
                .addMounts(HostConfig.Mount.newBuilder().setType("tmpfs").setTarget("/t").setTmpfsSizeBytes(1024))
                .addMounts(HostConfig.Mount.newBuilder().setType("bind").setSource("/tmp").setTarget("/tt")
                        .setReadOnly(true))
                .build();

        JsonNode o = Json.MAPPER.valueToTree(ContainerInspectMapper.of(Container.newBuilder().setId("abc")
                .setName("/web").setHostConfig(hc).build(), -1));

        JsonNode h = o.get("HostConfig");
        assertEquals("[\"/tmp/x:/x:ro\"]", h.get("Binds").toString());
        assertEquals("[\"CAP_NET_ADMIN\"]", h.get("CapAdd").toString());
        assertEquals("[\"ALL\"]", h.get("CapDrop").toString());
        assertEquals("[\"1.1.1.1\"]", h.get("Dns").toString());
        assertEquals("[\"example.com\"]", h.get("DnsSearch").toString());
        assertEquals("[\"ndots:2\"]", h.get("DnsOptions").toString());
        assertEquals("[\"a:1.2.3.4\"]", h.get("ExtraHosts").toString());
        assertEquals("{\"/run\":\"size=64m\"}", h.get("Tmpfs").toString());
        assertEquals(500_000_000L, h.get("NanoCpus").asLong());
        assertEquals(50_000, h.get("CpuQuota").asLong());
        assertEquals(100_000, h.get("CpuPeriod").asLong());
        assertEquals("0", h.get("CpusetCpus").asText());
        assertEquals("host", h.get("NetworkMode").asText());
        assertEquals("[{\"Name\":\"nofile\",\"Hard\":200,\"Soft\":100}]", h.get("Ulimits").toString());
        assertEquals("[{\"Type\":\"tmpfs\",\"Target\":\"/t\",\"TmpfsOptions\":{\"SizeBytes\":1024}},"
                + "{\"Type\":\"bind\",\"Source\":\"/tmp\",\"Target\":\"/tt\",\"ReadOnly\":true}]",
                h.get("Mounts").toString());
        assertEquals("[{\"Type\":\"bind\",\"Source\":\"/tmp/x\",\"Destination\":\"/x\",\"Mode\":\"ro\",\"RW\":false,"
                + "\"Propagation\":\"rprivate\"},{\"Type\":\"tmpfs\",\"Source\":\"\",\"Destination\":\"/t\","
                + "\"Mode\":\"\",\"RW\":true,\"Propagation\":\"\"},{\"Type\":\"bind\",\"Source\":\"/tmp\","
                + "\"Destination\":\"/tt\",\"Mode\":\"\",\"RW\":false,\"Propagation\":\"rprivate\"}]",
                o.get("Mounts").toString());
    }

    @Test
    void inspect_defaults_nullsAndEmptiesAsDockerd() {
        JsonNode h = Json.MAPPER.valueToTree(ContainerInspectMapper.of(Container.newBuilder().setId("abc")
                .setName("/web").build(), -1)).get("HostConfig");

        assertTrue(h.get("CapAdd").isNull());
        assertTrue(h.get("ExtraHosts").isNull());
        assertTrue(h.get("Ulimits").isNull());
        assertEquals("[]", h.get("Dns").toString());
        assertFalse(h.has("Tmpfs"));
        assertFalse(h.has("Mounts"));
        assertEquals(0, h.get("NanoCpus").asLong());
        assertEquals("[]", new String(Json.line(ContainerInspectMapper.of(Container.getDefaultInstance(), -1)
                .mounts()), StandardCharsets.UTF_8).trim());
    }
}
