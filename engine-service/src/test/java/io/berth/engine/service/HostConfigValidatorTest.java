package io.berth.engine.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.errors.BerthException;
import io.berth.common.errors.ErrorCategory;
import io.berth.engine.TestConfigs;
import io.berth.engine.container.ContainerRecord;
import io.berth.proto.engine.v1.HostConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostConfigValidatorTest {
    @TempDir
    Path tmp;

    private static BerthException refused(HostConfig.Builder b) {
        return assertThrows(BerthException.class, () -> HostConfigValidator.validate(b.build()));
    }

    private static void assertRefused(ErrorCategory category, String message, HostConfig.Builder b) {
        BerthException e = refused(b);
        assertEquals(category, e.category(), e.getMessage());
        assertEquals(message, e.getMessage());
    }

    @Test
    void validate_defaultsAndEverythingImplemented_accepted() {
        assertDoesNotThrow(() -> HostConfigValidator.validate(null));
        assertDoesNotThrow(() -> HostConfigValidator.validate(ContainerRecord.DEFAULT_HOST_CONFIG));
        assertDoesNotThrow(() -> HostConfigValidator.validate(HostConfig.newBuilder().setNetworkMode("host")
                .setRestartPolicy("").addAllBinds(List.of("/tmp/x:/x:ro")).putAllTmpfs(Map.of("/run", "size=64m"))
                .addAllMounts(List.of(TestConfigs.mount("bind", tmp.toString(), "/t", true, "", false, 0, 0),
                        TestConfigs.mount("tmpfs", "", "/s", false, "", false, 1 << 20, 0)))
                .addAllCapAdd(List.of("NET_ADMIN")).addAllCapDrop(List.of("ALL")).setNanoCpus(500_000_000L)
                .addAllUlimits(List.of(TestConfigs.ulimit("nofile", 100, 100))).addAllDns(List.of("1.1.1.1", "::1"))
                .addAllExtraHosts(List.of("a:1.2.3.4", "b:fe80::1")).build()));
        for (String mode : List.of("", "default", "bridge", "none", "host")) {
            assertDoesNotThrow(() -> HostConfigValidator.network(mode));
        }
    }

    @Test
    void validate_volumes_acceptedWithDockerdsChecks() {
        assertDoesNotThrow(() -> HostConfigValidator.validate(HostConfig.newBuilder()
                .addAllBinds(List.of("capvol:/data", "/anon", "ro.vol:/ro:ro,nocopy"))
                .addMounts(TestConfigs.mount("volume", "v2", "/v", false, "", false, 0, 0)).build()));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "create a: volume name is too short, names should be at"
                + " least two alphanumeric characters", HostConfig.newBuilder().addAllBinds(List.of("a:/data")));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "create v2: invalid option key: \"size\"",
                HostConfig.newBuilder().addMounts(TestConfigs.mount("volume", "v2", "/v", false, "", false, 0, 0)
                        .toBuilder().putVolumeDriverOptions("size", "1g")));
        assertRefused(ErrorCategory.NOT_FOUND, "error looking up volume plugin flocker: plugin \"flocker\" not found",
                HostConfig.newBuilder().addMounts(TestConfigs.mount("volume", "v2", "/v", false, "", false, 0, 0)
                        .toBuilder().setVolumeDriver("flocker")));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "Duplicate mount point: /data",
                HostConfig.newBuilder().addAllBinds(List.of("one:/data", "two:/data")));
    }

    @Test
    void validate_networkModes_containerModeChecked_userNetworksLeftToTheNetworkService() {
        assertDoesNotThrow(() -> HostConfigValidator.validate(HostConfig.newBuilder().setNetworkMode("container:web")
                .build()));
        assertRefused(ErrorCategory.INVALID_ARGUMENT,
                "Invalid network mode: invalid container format container:<name|id>",
                HostConfig.newBuilder().setNetworkMode("container:"));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "conflicting options: dns and the network mode",
                HostConfig.newBuilder().setNetworkMode("container:web").addDns("1.1.1.1"));
        assertRefused(ErrorCategory.INVALID_ARGUMENT,
                "conflicting options: custom host-to-IP mapping and the network mode",
                HostConfig.newBuilder().setNetworkMode("container:web").addExtraHosts("a:1.2.3.4"));
        assertDoesNotThrow(() -> HostConfigValidator.network("mynet"));
    }

    @Test
    void validate_restartPolicies_asDockerd() {
        assertDoesNotThrow(() -> HostConfigValidator.restartPolicy("no", 0));
        assertDoesNotThrow(() -> HostConfigValidator.restartPolicy("", 5));
        assertDoesNotThrow(() -> HostConfigValidator.validate(HostConfig.newBuilder().setRestartPolicy("always")
                .build()));
        assertDoesNotThrow(() -> HostConfigValidator.validate(HostConfig.newBuilder().setRestartPolicy("on-failure")
                .setRestartMaxRetries(3).build()));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "invalid restart policy 'sometimes'",
                HostConfig.newBuilder().setRestartPolicy("sometimes"));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "maximum retry count cannot be used with restart policy 'no'",
                HostConfig.newBuilder().setRestartPolicy("no").setRestartMaxRetries(2));
        assertRefused(ErrorCategory.INVALID_ARGUMENT,
                "maximum retry count cannot be used with restart policy 'unless-stopped'",
                HostConfig.newBuilder().setRestartPolicy("unless-stopped").setRestartMaxRetries(2));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "maximum retry count cannot be negative",
                HostConfig.newBuilder().setRestartPolicy("on-failure").setRestartMaxRetries(-1));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "can't create 'AutoRemove' container with restart policy",
                HostConfig.newBuilder().setRestartPolicy("always").setAutoRemove(true));
        assertDoesNotThrow(() -> HostConfigValidator.validate(HostConfig.newBuilder().setRestartPolicy("no")
                .setAutoRemove(true).build()));
    }

    @Test
    void validate_badMounts_400() {
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "invalid mount config for type \"bind\": bind source path does"
                + " not exist: /no/such/dir", HostConfig.newBuilder().addAllMounts(List.of(
                        TestConfigs.mount("bind", "/no/such/dir", "/x", false, "", false, 0, 0))));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "invalid mount config for type \"tmpfs\": field Source must"
                + " not be specified", HostConfig.newBuilder().addAllMounts(List.of(
                        TestConfigs.mount("tmpfs", "/x", "/x", false, "", false, 0, 0))));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "invalid mount config for type \"npipe\": mount type unknown",
                HostConfig.newBuilder().addMounts(TestConfigs.mount("npipe", "x", "/x", false, "", false, 0, 0)));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "Duplicate mount point: /x",
                HostConfig.newBuilder().addAllBinds(List.of("/a:/x")).putAllTmpfs(Map.of("/x/", "")));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "Invalid tmpfs option \"bogus\"",
                HostConfig.newBuilder().putAllTmpfs(Map.of("/run", "bogus")));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "invalid mount config for type \"tmpfs\": invalid mount path:"
                + " 'run' mount path must be absolute", HostConfig.newBuilder().putAllTmpfs(Map.of("run", "")));
    }

    @Test
    void validate_capsUlimitsDnsHosts_400() {
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "unknown capability: \"CAP_FLY\"",
                HostConfig.newBuilder().addAllCapAdd(List.of("fly")));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "invalid ulimit type: files",
                HostConfig.newBuilder().addAllUlimits(List.of(TestConfigs.ulimit("files", 1, 1))));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "ulimit soft limit must be less than or equal to hard limit:"
                + " 200 > 100", HostConfig.newBuilder().addAllUlimits(List.of(TestConfigs.ulimit("nofile", 200, 100))));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "dns.example is not an ip address",
                HostConfig.newBuilder().addAllDns(List.of("dns.example")));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "bad format for add-host: \"nohost\"",
                HostConfig.newBuilder().addAllExtraHosts(List.of("nohost")));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "invalid IP address in add-host: \"1.2.3\"",
                HostConfig.newBuilder().addAllExtraHosts(List.of("a:1.2.3")));
        assertRefused(ErrorCategory.NOT_IMPLEMENTED, "berth does not support host-gateway in --add-host yet (needs"
                + " container networking)", HostConfig.newBuilder().addAllExtraHosts(List.of("gw:host-gateway")));
    }

    @Test
    void logConfig_jsonFileAndNone_othersRefusedWithDockerdsText_optionsCheckedAsJsonFileDoes() {
        assertDoesNotThrow(() -> HostConfigValidator.logConfig("", Map.of()));
        assertDoesNotThrow(() -> HostConfigValidator.logConfig("json-file", Map.of("max-size", "1k",
                "max-file", "3", "compress", "true")));
        assertDoesNotThrow(() -> HostConfigValidator.logConfig("none", Map.of()));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "logger: no log driver named 'nosuch' is registered",
                HostConfig.newBuilder().setLogDriver("nosuch"));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "logger: no log driver named 'syslog' is registered",
                HostConfig.newBuilder().setLogDriver("syslog"));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "logger: no log driver named 'local' is registered",
                HostConfig.newBuilder().setLogDriver("local"));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "max-file cannot be less than 1",
                HostConfig.newBuilder().putLogOptions("max-file", "0"));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "invalid size: 'lots'",
                HostConfig.newBuilder().putLogOptions("max-size", "lots"));
        assertRefused(ErrorCategory.INVALID_ARGUMENT,
                "compress cannot be true when max-file is less than 2 or max-size is not set",
                HostConfig.newBuilder().putLogOptions("compress", "true").putLogOptions("max-size", "1m"));
        assertRefused(ErrorCategory.NOT_IMPLEMENTED, "berth does not support the log option tag yet",
                HostConfig.newBuilder().putLogOptions("tag", "x"));
        assertRefused(ErrorCategory.INVALID_ARGUMENT, "unknown log opt 'bogus' for json-file log driver",
                HostConfig.newBuilder().putLogOptions("bogus", "1"));
    }
}
