package io.berth.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    private static final Path F = Path.of("/etc/berth/daemon.json");

    private static FileSettings parse(String json, Map<ConfigKey, String> flags) throws ConfigFileException {
        return ConfigFile.parse(F, json.getBytes(StandardCharsets.UTF_8), flags);
    }

    private static String refusal(String json, Map<ConfigKey, String> flags) {
        return assertThrows(ConfigFileException.class, () -> parse(json, flags)).getMessage();
    }

    @Test
    void everyDocumentedKey_isTakenWithItsValue() throws Exception {
        FileSettings s = parse("""
                {"hosts": ["unix:///tmp/a.sock", "tcp://127.0.0.1:2375"], "data-root": "/d", "exec-root": "/e",
                 "storage-driver": "vfs", "debug": true, "log-level": "warn", "tls": true, "tlsverify": false,
                 "tlscacert": "/c/ca.pem", "tlscert": "/c/cert.pem", "tlskey": "/c/key.pem", "group": "",
                 "pidfile": "/p.pid", "insecure-registries": ["10.0.0.0/8", "reg:5000"],
                 "registry-mirrors": ["https://m.example"], "live-restore": true,
                 "default-ulimits": {"nofile": {"Name": "nofile", "Hard": 64000, "Soft": 64000}},
                 "log-driver": "json-file", "log-opts": {"max-size": "10m"}, "labels": ["a=b"],
                 "metrics-addr": "127.0.0.1:9323", "cgroup-parent": "/cg", "bridge": "bt0", "bip": "10.9.0.1/24", "default-runtime": "runc",
                 "features": {"buildkit": true}, "max-concurrent-downloads": 6, "max-concurrent-uploads": 2}
                """, Map.of());
        assertEquals(ConfigKey.values().length, s.values().size());
        assertEquals(List.of("unix:///tmp/a.sock", "tcp://127.0.0.1:2375"), s.strings(ConfigKey.HOSTS).orElseThrow());
        assertEquals("/d", s.string(ConfigKey.DATA_ROOT).orElseThrow());
        assertEquals(true, s.bool(ConfigKey.DEBUG).orElseThrow());
        assertEquals(Map.of("max-size", "10m"), s.map(ConfigKey.LOG_OPTS).orElseThrow());
        assertEquals(Map.of("buildkit", "true"), s.map(ConfigKey.FEATURES).orElseThrow());
        assertEquals(6, s.integer(ConfigKey.MAX_CONCURRENT_DOWNLOADS).orElseThrow());
    }

    @Test
    void unknownKeys_areRefusedByNameAsDockerd() {
        assertEquals("unable to configure the Docker daemon with file /etc/berth/daemon.json: the following "
                + "directives don't match any configuration option: bogus, x", refusal("{\"x\": 1, \"bogus\": true, "
                + "\"debug\": true}", Map.of()));
    }

    @Test
    void keyAlsoGivenAsFlag_isAConflictNamingBothValues() {
        assertEquals("unable to configure the Docker daemon with file /etc/berth/daemon.json: the following directives"
                + " are specified both as a flag and in the configuration file: debug: (from flag: true, from file: "
                + "false), hosts: (from flag: [unix:///a.sock], from file: [unix:///b.sock tcp://h:1])",
                refusal("{\"debug\": false, \"hosts\": [\"unix:///b.sock\", \"tcp://h:1\"]}",
                        Map.of(ConfigKey.DEBUG, "true", ConfigKey.HOSTS, "[unix:///a.sock]")));
    }

    @Test
    void wrongTypes_areEncodingJsonsErrors() {
        assertTrue(refusal("{\"debug\": \"yes\"}", Map.of()).endsWith(
                "json: cannot unmarshal string into Go struct field Config.debug of type bool"));
        assertTrue(refusal("{\"hosts\": \"unix:///a\"}", Map.of()).endsWith(
                "json: cannot unmarshal string into Go struct field Config.hosts of type []string"));
        assertTrue(refusal("{\"labels\": [1]}", Map.of()).endsWith(
                "json: cannot unmarshal number into Go struct field Config.labels of type string"));
        assertTrue(refusal("{\"max-concurrent-downloads\": \"3\"}", Map.of()).endsWith(
                "json: cannot unmarshal string into Go struct field Config.max-concurrent-downloads of type int"));
        assertTrue(refusal("{\"log-opts\": {\"max-size\": 10}}", Map.of()).endsWith(
                "json: cannot unmarshal number into Go struct field Config.log-opts of type string"));
    }

    @Test
    void notAnObjectOrBadJson_isRefused() {
        assertTrue(refusal("[1]", Map.of()).endsWith("json: cannot unmarshal array into Go value of type "
                + "map[string]interface {}"));
        assertTrue(refusal("{\"debug\": true", Map.of()).contains("invalid JSON"));
        assertTrue(refusal("{\"debug\": true, \"debug\": false}", Map.of()).contains("invalid JSON"));
        assertTrue(refusal("", Map.of()).endsWith(": EOF"));
    }

    @Test
    void nullValue_countsAsUnset() throws Exception {
        assertTrue(parse("{\"debug\": null}", Map.of(ConfigKey.HOSTS, "[x]")).values().isEmpty());
    }

    @Test
    void missingFile_isFineOnlyWhenNotNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("daemon.json");
        assertEquals(FileSettings.NONE, ConfigFile.read(f, false, Map.of()));
        ConfigFileException e = assertThrows(ConfigFileException.class, () -> ConfigFile.read(f, true, Map.of()));
        assertEquals("unable to configure the Docker daemon with file " + f + ": open " + f
                + ": no such file or directory", e.getMessage());
    }

    @Test
    void goValue_printsAsGosFmt() throws IOException {
        var m = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals("map[a:true b:x]", ConfigFile.goValue(m.readTree("{\"b\": \"x\", \"a\": true}")));
        assertEquals("[1 2.5 x]", ConfigFile.goValue(m.readTree("[1, 2.5, \"x\"]")));
        assertEquals("<nil>", ConfigFile.goValue(m.readTree("null")));
    }

    @Test
    void hugeFile_isRefused(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("daemon.json");
        Files.write(f, new byte[(int) ConfigFile.MAX_BYTES + 1]);
        assertThrows(ConfigFileException.class, () -> ConfigFile.read(f, true, Map.of()));
    }
}
