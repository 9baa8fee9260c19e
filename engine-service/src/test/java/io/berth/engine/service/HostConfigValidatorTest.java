package io.berth.engine.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.errors.BerthException;
import io.berth.common.errors.ErrorCategory;
import io.berth.engine.container.HostConfig;
import io.berth.engine.container.HostConfigBuilder;
import io.berth.engine.container.MountSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostConfigValidatorTest {
    @TempDir
    Path tmp;

    private static BerthException refused(HostConfigBuilder b) {
        return assertThrows(BerthException.class, () -> HostConfigValidator.validate(b.build()));
    }

    private static void assertRefused(ErrorCategory category, String message, HostConfigBuilder b) {
        BerthException e = refused(b);
        assertEquals(category, e.category(), e.getMessage());
        assertEquals(message, e.getMessage());
    }

    @Test
    void validate_defaultsAndEverythingImplemented_accepted() {
        assertDoesNotThrow(() -> HostConfigValidator.validate(null));
        assertDoesNotThrow(() -> HostConfigValidator.validate(HostConfig.defaults()));
        assertDoesNotThrow(() -> HostConfigValidator.validate(HostConfig.builder().networkMode("host")
                .restartPolicy("").binds(List.of("/tmp/x:/x:ro")).tmpfs(Map.of("/run", "size=64m"))
                .mounts(List.of(new MountSpec("bind", tmp.toString(), "/t", true, "", false, 0, 0),
                        new MountSpec("tmpfs", "", "/s", false, "", false, 1 << 20, 0)))
                .capAdd(List.of("NET_ADMIN")).capDrop(List.of("ALL")).nanoCpus(500_000_000L)
                .ulimits(List.of(new HostConfig.Ulimit("nofile", 100, 100))).dns(List.of("1.1.1.1", "::1"))
                .extraHosts(List.of("a:1.2.3.4", "b:fe80::1")).build()));
        for (String mode : List.of("", "default", "bridge", "none", "host")) {
            assertDoesNotThrow(() -> HostConfigValidator.network(mode));
        }
    }

    @Test
    void validate_volumes_501() {
        assertRefused(ErrorCategory.NOT_IMPLEMENTED, "berth does not support named volumes yet",
                HostConfig.builder().binds(List.of("capvol:/data")));
        assertRefused(ErrorCategory.NOT_IMPLEMENTED, "berth does not support named volumes yet",
                HostConfig.builder().mounts(List.of(new MountSpec("volume", "v", "/v", false, "", false, 0, 0))));
        assertRefused(ErrorCategory.NOT_IMPLEMENTED, "berth does not support anonymous volumes yet (/data)",
                HostConfig.builder().binds(List.of("/data")));
    }

    @Test
    void validate_networkModes_501ForContainerAndUserNetworks() {
        assertRefused(ErrorCategory.NOT_IMPLEMENTED,
                "berth does not support sharing another container's network yet (--network container:web)",
                HostConfig.builder().networkMode("container:web"));
        assertRefused(ErrorCategory.NOT_IMPLEMENTED,
                "berth does not support user-defined networks yet (network \"mynet\"); use --network none,"
                        + " bridge or host", HostConfig.builder().networkMode("mynet"));
    }

    @Test
    void validate_restartPolicies_noAccepted_others501_unknown400() {
        assertDoesNotThrow(() -> HostConfigValidator.restartPolicy("no", 0));
        assertRefused(ErrorCategory.NOT_IMPLEMENTED, "berth does not support restart policies yet (--restart always)",
                HostConfig.builder().restartPolicy("always"));
        assertRefused(ErrorCategory.NOT_IMPLEMENTED,
                "berth does not support restart policies yet (--restart on-failure)",
                HostConfig.builder().restartPolicy("on-failure").restartMaxRetries(3));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "invalid restart policy 'sometimes'",
                HostConfig.builder().restartPolicy("sometimes"));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "maximum retry count cannot be used with restart policy 'no'",
                HostConfig.builder().restartPolicy("no").restartMaxRetries(2));
    }

    @Test
    void validate_badMounts_400() {
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "invalid mount config for type \"bind\": bind source path does"
                + " not exist: /no/such/dir", HostConfig.builder().mounts(List.of(
                        new MountSpec("bind", "/no/such/dir", "/x", false, "", false, 0, 0))));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "invalid mount config for type \"tmpfs\": field Source must"
                + " not be specified", HostConfig.builder().mounts(List.of(
                        new MountSpec("tmpfs", "/x", "/x", false, "", false, 0, 0))));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "invalid mount config for type \"npipe\": mount type unknown",
                HostConfig.builder().mounts(List.of(new MountSpec("npipe", "x", "/x", false, "", false, 0, 0))));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "Duplicate mount point: /x",
                HostConfig.builder().binds(List.of("/a:/x")).tmpfs(Map.of("/x/", "")));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "Invalid tmpfs option \"bogus\"",
                HostConfig.builder().tmpfs(Map.of("/run", "bogus")));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "invalid mount config for type \"tmpfs\": invalid mount path:"
                + " 'run' mount path must be absolute", HostConfig.builder().tmpfs(Map.of("run", "")));
    }

    @Test
    void validate_capsUlimitsDnsHosts_400() {
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "unknown capability: \"CAP_FLY\"",
                HostConfig.builder().capAdd(List.of("fly")));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "invalid ulimit type: files",
                HostConfig.builder().ulimits(List.of(new HostConfig.Ulimit("files", 1, 1))));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "ulimit soft limit must be less than or equal to hard limit:"
                + " 200 > 100", HostConfig.builder().ulimits(List.of(new HostConfig.Ulimit("nofile", 200, 100))));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "dns.example is not an ip address",
                HostConfig.builder().dns(List.of("dns.example")));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "bad format for add-host: \"nohost\"",
                HostConfig.builder().extraHosts(List.of("nohost")));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "invalid IP address in add-host: \"1.2.3\"",
                HostConfig.builder().extraHosts(List.of("a:1.2.3")));
        assertRefused(ErrorCategory.NOT_IMPLEMENTED, "berth does not support host-gateway in --add-host yet (needs"
                + " container networking)", HostConfig.builder().extraHosts(List.of("gw:host-gateway")));
    }
}
