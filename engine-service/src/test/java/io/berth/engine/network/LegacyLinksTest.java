package io.berth.engine.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.errors.ConflictException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotImplementedException;
import io.berth.engine.TestConfigs;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerState;
import io.berth.engine.container.ContainerStore;
import io.berth.proto.engine.v1.HostConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LegacyLinks}: dockerd's link variables and /etc/hosts entries (daemon/links/links.go). */
class LegacyLinksTest {
    static final Instant T0 = Instant.parse("2026-12-04T20:00:00Z");
    @TempDir
    Path dir;

    static ContainerRecord record(String id, String name, HostConfig hc, boolean running, List<String> env,
                                  List<String> ports) {
        return new ContainerRecord(id, name, T0, "sh", List.of(), TestConfigs.config("img", List.of("sh")).toBuilder()
                .setHostname(id.substring(0, 12)).addAllEnv(env).addAllExposedPorts(ports).build(), hc,
                running ? ContainerState.created().running(7, 6, T0) : ContainerState.created(), "sha256:x", "vfs",
                null, null, "/l", "/h", "/hs", "/r", 0, "linux", List.of());
    }

    @Test
    void apply_variablesAndHostsOfARunningChild() {
        ContainerStore store = new ContainerStore();
        EndpointStore endpoints = new EndpointStore(dir);
        String child = "c".repeat(64);
        store.add(new Container(record(child, "/db", ContainerRecord.DEFAULT_HOST_CONFIG, true,
                List.of("PATH=/bin", "FOO=bar"), List.of("6379/tcp", "53/udp"))));
        NetworkDefinition bridge = new NetworkDefinition("b".repeat(64), "bridge", "bridge", "berth0",
                "172.18.0.0/16", "172.18.0.1", null, false, true, true, 1500, null, null, Map.of(), Map.of());
        endpoints.save(child, List.of(new Attachment(bridge, new EndpointRequest(child, "/n", "eth0", null, null, null,
                null, null), new Endpoint("e", bridge.id(), child, "eth0", "172.18.0.5", 16, "172.18.0.1", "m", null,
                0, null, null, null))));
        ContainerRecord parent = record("p".repeat(64), "/web", ContainerRecord.DEFAULT_HOST_CONFIG.toBuilder()
                .addLinks("db:my-db").build(), false, List.of("A=1"), List.of());

        ContainerRecord applied = new LegacyLinks(store, endpoints).apply(parent);

        assertEquals(List.of("A=1", "MY_DB_PORT=udp://172.18.0.5:53", "MY_DB_PORT_53_UDP=udp://172.18.0.5:53",
                "MY_DB_PORT_53_UDP_ADDR=172.18.0.5", "MY_DB_PORT_53_UDP_PORT=53", "MY_DB_PORT_53_UDP_PROTO=udp",
                "MY_DB_PORT_6379_TCP=tcp://172.18.0.5:6379", "MY_DB_PORT_6379_TCP_ADDR=172.18.0.5",
                "MY_DB_PORT_6379_TCP_PORT=6379", "MY_DB_PORT_6379_TCP_PROTO=tcp", "MY_DB_NAME=/web/my-db",
                "MY_DB_ENV_FOO=bar"), applied.config().getEnvList());
        assertEquals(List.of("my-db cccccccccccc db:172.18.0.5"), applied.hostConfig().getExtraHostsList());
    }

    @Test
    void checkAndApply_refusals() {
        ContainerStore store = new ContainerStore();
        LegacyLinks links = new LegacyLinks(store, new EndpointStore(dir));
        assertThrows(InvalidArgumentException.class, () -> links.check(ContainerRecord.DEFAULT_HOST_CONFIG.toBuilder()
                .addLinks("nosuch").build()));
        store.add(new Container(record("d".repeat(64), "/db", ContainerRecord.DEFAULT_HOST_CONFIG, false, List.of(),
                List.of())));
        assertThrows(NotImplementedException.class, () -> links.check(HostConfig.newBuilder().setNetworkMode("app")
                .addLinks("db").build()));
        ConflictException e = assertThrows(ConflictException.class, () -> links.apply(record("p".repeat(64), "/web",
                ContainerRecord.DEFAULT_HOST_CONFIG.toBuilder().addLinks("/db:/web/db").build(), false, List.of(),
                List.of())));
        assertEquals("Cannot link to a non running container: /db AS /web/db", e.getMessage());
        assertArrayEquals(new String[] {"db", "alias"}, LegacyLinks.split("/db:/web/alias"));
    }

    @Test
    void inspected_asDockerdShowsThem_childCurrentNameParentAlias_goneChildLeftOut() {
        ContainerStore store = new ContainerStore();
        LegacyLinks links = new LegacyLinks(store, new EndpointStore(dir));
        String child = "d".repeat(64);
        store.add(new Container(record(child, "/db", ContainerRecord.DEFAULT_HOST_CONFIG, true, List.of(),
                List.of())));
        ContainerRecord parent = record("p".repeat(64), "/web", ContainerRecord.DEFAULT_HOST_CONFIG.toBuilder()
                .addLinks("db:dbalias").addLinks(child.substring(0, 12)).addLinks("gone:g").build(), false, List.of(),
                List.of());

        assertEquals(List.of("/db:/web/dbalias", "/db:/web/" + child.substring(0, 12)), links.inspected(parent));
        assertEquals(List.of(), links.inspected(record("q".repeat(64), "/solo", ContainerRecord.DEFAULT_HOST_CONFIG,
                false, List.of(), List.of())));
    }
}
