package io.berth.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.berth.common.settings.DaemonSettings;
import io.berth.proto.engine.v1.HostConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** moby 20.10 {@code mergeUlimits}: defaults fill the names a container does not set; its own win. */
class DefaultUlimitsTest {
    private static HostConfig.Ulimit ul(String name, long soft, long hard) {
        return HostConfig.Ulimit.newBuilder().setName(name).setSoft(soft).setHard(hard).build();
    }

    @Test
    void defaultsAreAddedToAContainerWithoutUlimits() {
        HostConfig hc = DefaultUlimits.merge(HostConfig.getDefaultInstance(), Map.of(
                "nofile", new DaemonSettings.Ulimit("nofile", 64000, 64000),
                "core", new DaemonSettings.Ulimit("core", -1, 0)));
        assertEquals(List.of(ul("core", 0, -1), ul("nofile", 64000, 64000)), hc.getUlimitsList());
    }

    @Test
    void theContainersOwnUlimitWinsByName() {
        HostConfig own = HostConfig.newBuilder().addUlimits(ul("nofile", 100, 200)).build();
        HostConfig hc = DefaultUlimits.merge(own, Map.of(
                "nofile", new DaemonSettings.Ulimit("nofile", 64000, 64000),
                "nproc", new DaemonSettings.Ulimit("nproc", 60, 50)));
        assertEquals(List.of(ul("nofile", 100, 200), ul("nproc", 50, 60)), hc.getUlimitsList());
    }

    @Test
    void aDefaultWithoutNameTakesItsKeyAndNoDefaultsChangeNothing() {
        HostConfig hc = DefaultUlimits.merge(HostConfig.getDefaultInstance(),
                Map.of("nofile", new DaemonSettings.Ulimit("", 20, 10)));
        assertEquals(List.of(ul("nofile", 10, 20)), hc.getUlimitsList());
        HostConfig none = HostConfig.newBuilder().addUlimits(ul("nofile", 1, 2)).build();
        assertSame(none, DefaultUlimits.merge(none, Map.of()));
    }
}
