package io.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.engine.TestConfigs;
import io.berth.proto.engine.v1.ContainerConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerFiltersTest {
    private static ContainerRecord web() {
        ContainerRecord r = ContainerStoreTest.record("abc" + "0".repeat(61), "/web-1", Instant.EPOCH);
        ContainerConfig c = TestConfigs.config("", "", "", false, true, true, false, false, false, List.of(),
                List.of("sh"), "fixture/busybox:1", "", null, Map.of("app", "web", "tier", "front"), "", null,
                List.of(), List.of(), false);
        return new ContainerRecord(r.id(), r.name(), r.created(), r.path(), r.args(), c, r.hostConfig(),
                ContainerState.created().running(1, 2, Instant.EPOCH).exited(3, Instant.EPOCH), r.image(), r.driver(),
                r.driverData(), r.rootfsMounts(), r.logPath(), r.hostnamePath(), r.hostsPath(), r.resolvConfPath(),
                0, "linux", List.of());
    }

    private static boolean matches(Map<String, List<String>> f) {
        return new ContainerFilters(f).matches(web());
    }

    @Test
    void health_noneWithoutHealthcheck_elseItsStatus_unknownValue400() {
        assertTrue(matches(Map.of("health", List.of("none"))));
        assertFalse(matches(Map.of("health", List.of("healthy"))));
        ContainerRecord r = web();
        ContainerRecord healthy = r.withState(r.state().withHealth(new HealthState("healthy", 0, List.of())));
        assertTrue(new ContainerFilters(Map.of("health", List.of("starting", "healthy"))).matches(healthy));
        assertFalse(new ContainerFilters(Map.of("health", List.of("unhealthy"))).matches(healthy));
        assertThrows(InvalidArgumentException.class, () -> new ContainerFilters(Map.of("health", List.of("sick"))));
    }

    @Test
    void matches_eachKey_acceptsMatchingRejectsOthers() {
        assertTrue(matches(Map.of("status", List.of("exited"))));
        assertFalse(matches(Map.of("status", List.of("running"))));
        assertTrue(matches(Map.of("label", List.of("app"))));
        assertTrue(matches(Map.of("label", List.of("app=web"))));
        assertFalse(matches(Map.of("label", List.of("app=db"))));
        assertTrue(matches(Map.of("name", List.of("web"))));
        assertTrue(matches(Map.of("name", List.of("^/web-[0-9]$"))));
        assertFalse(matches(Map.of("name", List.of("db"))));
        assertTrue(matches(Map.of("id", List.of("abc0"))));
        assertFalse(matches(Map.of("id", List.of("abd"))));
        assertTrue(matches(Map.of("ancestor", List.of("fixture/busybox:1"))));
        assertTrue(matches(Map.of("exited", List.of("3"))));
        assertFalse(matches(Map.of("exited", List.of("0"))));
    }

    @Test
    void matches_valuesOfOneKeyOredKeysAnded() {
        assertTrue(matches(Map.of("status", List.of("running", "exited"))));
        assertTrue(matches(Map.of("label", List.of("app=web", "tier=front"), "status", List.of("exited"))));
        assertFalse(matches(Map.of("label", List.of("app=web"), "status", List.of("running"))));
    }

    @Test
    void constructor_unknownKeyOrStatus_throwsInvalidArgument() {
        assertThrows(InvalidArgumentException.class, () -> new ContainerFilters(Map.of("bogus", List.of("x"))));
        assertThrows(InvalidArgumentException.class, () -> new ContainerFilters(Map.of("status", List.of("up"))));
    }

    @Test
    void matches_labelValuesAnded_nameWithoutSlash_beforeSince_isTaskHealth() {
        assertFalse(matches(Map.of("label", List.of("app=web", "tier=back"))));
        assertTrue(matches(Map.of("name", List.of("^web-1$"))));
        ContainerRecord later = ContainerStoreTest.record("def" + "0".repeat(61), "/later", Instant.EPOCH.plusSeconds(5));
        ContainerFilters before = new ContainerFilters(Map.of("before", List.of("later")), ref -> later);
        assertTrue(before.matches(web()));
        ContainerFilters since = new ContainerFilters(Map.of("since", List.of("later")), ref -> later);
        assertFalse(since.matches(web()));
        assertTrue(matches(Map.of("is-task", List.of("false"))));
        assertFalse(matches(Map.of("is-task", List.of("true"))));
        assertTrue(matches(Map.of("health", List.of("none"))));
        assertFalse(matches(Map.of("health", List.of("healthy"))));
        assertFalse(matches(Map.of("volume", List.of("/data"))));
    }

    @Test
    void volume_matchesAMountPointByVolumeNameOrDestination_anonymousAndImageVolumesToo() {
        ContainerRecord r = web().withMountPoints(List.of(
                new VolumeMountPoint("volume", "data", "/v/data/_data", "/data", "local", true, "z", false, ""),
                new VolumeMountPoint("volume", "f".repeat(64), "/v/f/_data", "/cache", "local", true, "", true, ""),
                new VolumeMountPoint("bind", "", "/host", "/mnt", "", true, "", false, "rprivate")));
        for (String v : List.of("data", "/data", "f".repeat(64), "/cache", "/mnt")) {
            assertTrue(new ContainerFilters(Map.of("volume", List.of(v))).matches(r), v);
        }
        assertFalse(new ContainerFilters(Map.of("volume", List.of("/host"))).matches(r), "not the bind's source");
        assertFalse(new ContainerFilters(Map.of("volume", List.of(""))).matches(r.withMountPoints(List.of(
                new VolumeMountPoint("bind", "", "/host", "/mnt", "", true, "", false, "")))), "no empty name match");
        assertFalse(new ContainerFilters(Map.of("volume", List.of("data"))).matches(web()));
    }
}
