package io.berth.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.proto.engine.v1.HostConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapabilitiesTest {
    @TempDir
    Path tmp;

    private static List<String> caps(List<String> add, List<String> drop) {
        return Capabilities.of(HostConfig.newBuilder().addAllCapAdd(add).addAllCapDrop(drop).build());
    }

    @Test
    void of_noTweaks_dockerDefaults() {
        assertEquals(SpecDefaults.CAPABILITIES, caps(List.of(), List.of()));
    }

    @Test
    void of_dropOneAddOne_defaultsWithoutItPlusTheAdded() {
        List<String> c = caps(List.of("sys_admin"), List.of("CAP_NET_RAW", "kill"));

        assertTrue(c.contains("CAP_SYS_ADMIN"));
        assertTrue(!c.contains("CAP_NET_RAW") && !c.contains("CAP_KILL"));
        assertEquals(SpecDefaults.CAPABILITIES.size() - 2 + 1, c.size());
    }

    @Test
    void of_addAll_everyCapabilityExceptDropped() {
        List<String> c = caps(List.of("ALL"), List.of("MKNOD"));

        assertEquals(Capabilities.all().size() - 1, c.size());
        assertTrue(!c.contains("CAP_MKNOD") && c.contains("CAP_SYS_ADMIN"));
    }

    @Test
    void of_dropAll_onlyTheAdded() {
        assertEquals(List.of(), caps(List.of(), List.of("all")));
        assertEquals(List.of("CAP_CHOWN"), caps(List.of("chown"), List.of("ALL")));
    }

    @Test
    void of_privileged_allIgnoringDrops() {
        assertEquals(Capabilities.all(), Capabilities.of(HostConfig.newBuilder().setPrivileged(true)
                .addAllCapDrop(List.of("ALL")).build()));
    }

    @Test
    void normalize_unknownName_mobyMessage() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> Capabilities.normalize(List.of("net_admin", "bogus")));
        assertEquals("unknown capability: \"CAP_BOGUS\"", e.getMessage());
    }

    @Test
    void available_capLastCapAndBoundingSet_limitTheList() throws IOException {
        Path last = Files.writeString(tmp.resolve("cap_last_cap"), "37\n");
        Path status = Files.writeString(tmp.resolve("status"), "Name:\tjava\nCapBnd:\t000001fffeffffff\n");

        List<String> a = Capabilities.available(last, status);

        assertEquals(37, a.size());
        assertTrue(!a.contains("CAP_SYS_RESOURCE") && a.contains("CAP_SYS_NICE") && a.contains("CAP_SYS_TIME"));
        assertEquals("CAP_AUDIT_READ", a.get(36));
        assertEquals(Capabilities.KNOWN, Capabilities.available(tmp.resolve("missing"), tmp.resolve("missing")));
    }
}
