package io.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.HostConfig;
import io.berth.proto.engine.v1.PortBindings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docker ps --filter publish=/expose= as moby's list.go portOp reads and matches them. */
class PortFilterTest {
    private static ContainerRecord withPorts() {
        ContainerRecord r = ContainerStoreTest.record("abc" + "0".repeat(61), "/web-1", Instant.EPOCH);
        ContainerConfig c = r.config().toBuilder().addExposedPorts("80/tcp").addExposedPorts("53/udp")
                .addExposedPorts("8080/tcp").build();
        HostConfig hc = r.hostConfig().toBuilder().putPortBindings("80/tcp", PortBindings.getDefaultInstance())
                .build();
        return new ContainerRecord(r.id(), r.name(), r.created(), r.path(), r.args(), c, hc, r.state(), r.image(),
                r.driver(), r.driverData(), r.rootfsMounts(), r.logPath(), r.hostnamePath(), r.hostsPath(),
                r.resolvConfPath(), 0, "linux", List.of());
    }

    private static boolean matches(String key, String... values) {
        return new ContainerFilters(Map.of(key, List.of(values))).matches(withPorts());
    }

    @Test
    void parse_portRangeAndProtocol() {
        assertEquals(Set.of(new ContainerPort(80, "tcp")), PortFilter.parse("publish", "80"));
        assertEquals(Set.of(new ContainerPort(53, "udp")), PortFilter.parse("publish", "53/udp"));
        assertEquals(Set.of(new ContainerPort(79, "tcp"), new ContainerPort(80, "tcp"), new ContainerPort(81, "tcp")),
                PortFilter.parse("expose", "79-81/tcp"));
    }

    @Test
    void parse_badValues_dockerdTexts() {
        assertEquals("filter for 'publish' should not contain ':': 8080:80", assertThrows(
                InvalidArgumentException.class, () -> PortFilter.parse("publish", "8080:80")).getMessage());
        assertEquals("error while looking up for expose abc: strconv.ParseUint: parsing \"abc\": invalid syntax",
                assertThrows(InvalidArgumentException.class, () -> PortFilter.parse("expose", "abc")).getMessage());
        assertEquals("error while looking up for expose 90-80: Invalid range specified for the Port: 90-80",
                assertThrows(InvalidArgumentException.class, () -> PortFilter.parse("expose", "90-80")).getMessage());
        assertThrows(InvalidArgumentException.class, () -> new ContainerFilters(Map.of("publish", List.of("x:1"))));
    }

    @Test
    void publish_matchesPortBindingsKeys() {
        assertTrue(matches("publish", "80"));
        assertTrue(matches("publish", "70-90/tcp"));
        assertFalse(matches("publish", "8080"), "exposed, not bound");
        assertFalse(matches("publish", "80/udp"));
    }

    @Test
    void expose_matchesExposedPortsKeys() {
        assertTrue(matches("expose", "8080"));
        assertTrue(matches("expose", "53/udp"));
        assertTrue(matches("expose", "1/tcp", "53/udp"), "values of one key are ORed");
        assertFalse(matches("expose", "53"));
    }
}
