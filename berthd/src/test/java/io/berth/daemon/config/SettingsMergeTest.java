package io.berth.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.settings.DaemonSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

class SettingsMergeTest {
    private static FileSettings file(String json) throws ConfigFileException {
        return ConfigFile.parse(Path.of("/d.json"), json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    @Test
    void initial_takesTheValuesAndNormalisesMirrors() throws Exception {
        DaemonSettings s = SettingsMerge.initial(file("{\"debug\": true, \"labels\": [\"a=b\"], \"registry-mirrors\": "
                + "[\"https://m.example\"], \"insecure-registries\": [\"reg:5000\"], \"live-restore\": true}"));
        assertEquals(true, s.debug());
        assertEquals(Level.DEBUG, s.level());
        assertEquals(List.of("a=b"), s.labels());
        assertEquals(List.of("https://m.example/"), s.registryMirrors());
        assertEquals(List.of("reg:5000"), s.insecureRegistries());
        assertEquals(true, s.liveRestore());
        assertEquals(3, s.maxConcurrentDownloads());
    }

    @Test
    void defaultUlimits_inDockerdsShape_areKeptByName_andCheckedAsGoUnits() throws Exception {
        DaemonSettings s = SettingsMerge.initial(file("{\"default-ulimits\": {\"nofile\": {\"Name\": \"nofile\", "
                + "\"Hard\": 64000, \"Soft\": 32000}, \"nproc\": {\"name\": \"nproc\", \"hard\": -1, \"soft\": -1}}}"));
        assertEquals(Map.of("nofile", new DaemonSettings.Ulimit("nofile", 64000, 32000),
                "nproc", new DaemonSettings.Ulimit("nproc", -1, -1)), s.defaultUlimits());
        assertEquals("ulimit soft limit must be less than or equal to hard limit: 2 > 1", assertThrows(
                IllegalArgumentException.class, () -> SettingsMerge.initial(file("{\"default-ulimits\": {\"nofile\": "
                        + "{\"Name\": \"nofile\", \"Hard\": 1, \"Soft\": 2}}}"))).getMessage());
        assertEquals("invalid ulimit type: files", assertThrows(IllegalArgumentException.class,
                () -> SettingsMerge.initial(file("{\"default-ulimits\": {\"files\": {\"Name\": \"files\", "
                        + "\"Hard\": 1, \"Soft\": 1}}}"))).getMessage());
        DaemonSettings after = SettingsMerge.reload(s, FileSettings.NONE, file("{\"default-ulimits\": {}}"));
        assertEquals(s.defaultUlimits(), after.defaultUlimits()); // not reloadable, as dockerd
    }

    @Test
    void badValues_getDockerdsTexts() {
        assertEquals("unable to parse logging level: loud", assertThrows(IllegalArgumentException.class,
                () -> SettingsMerge.initial(file("{\"log-level\": \"loud\"}"))).getMessage());
        assertEquals("bad attribute format: nolabel", assertThrows(IllegalArgumentException.class,
                () -> SettingsMerge.initial(file("{\"labels\": [\"nolabel\"]}"))).getMessage());
        assertEquals("conflict labels for a=b and a=c", assertThrows(IllegalArgumentException.class,
                () -> SettingsMerge.initial(file("{\"labels\": [\"a=b\", \"a=c\"]}"))).getMessage());
        assertEquals("invalid mirror: unsupported scheme \"ftp\" in \"ftp://m\"", assertThrows(
                IllegalArgumentException.class,
                () -> SettingsMerge.initial(file("{\"registry-mirrors\": [\"ftp://m\"]}"))).getMessage());
        assertEquals("specified default runtime 'crun' does not exist", assertThrows(IllegalArgumentException.class,
                () -> SettingsMerge.initial(file("{\"default-runtime\": \"crun\"}"))).getMessage());
    }

    @Test
    void maxLayerSize_isAGoUnitsSize_keptOnReload() throws Exception {
        DaemonSettings s = SettingsMerge.initial(file("{\"max-layer-size\": \"512m\"}"));
        assertEquals("512m", s.maxLayerSize());
        assertEquals("512m", SettingsMerge.reload(s, FileSettings.NONE, file("{\"max-layer-size\": \"1g\"}"))
                .maxLayerSize());
        assertEquals("", SettingsMerge.initial(file("{}")).maxLayerSize());
        assertEquals("invalid max-layer-size: invalid size: 'lots'", assertThrows(IllegalArgumentException.class,
                () -> SettingsMerge.initial(file("{\"max-layer-size\": \"lots\"}"))).getMessage());
    }

    @Test
    void reload_changesWhatTheFileSets_keepsTheRest_resetsMaxConcurrent() throws Exception {
        DaemonSettings start = SettingsMerge.initial(file("{\"debug\": true, \"labels\": [\"a=b\"], "
                + "\"max-concurrent-downloads\": 9, \"live-restore\": true}"));
        DaemonSettings after = SettingsMerge.reload(start, FileSettings.NONE, file("{\"labels\": [\"c=d\"], "
                + "\"live-restore\": false}"));
        assertEquals(true, after.debug()); // not in the file now: kept, as dockerd's IsValueSet
        assertEquals(List.of("c=d"), after.labels());
        assertEquals(3, after.maxConcurrentDownloads()); // back to the default
        assertEquals(true, after.liveRestore()); // not reloadable
        assertEquals(List.of("labels: [a=b] -> [c=d]", "max-concurrent-downloads: 9 -> 3"), after.changesFrom(start));
    }

    @Test
    void reloadAttributes_areDockerds() throws Exception {
        Map<String, String> a = SettingsMerge.initial(file("{\"labels\": [\"a=b\"], \"insecure-registries\": "
                + "[\"reg:5000\"]}")).reloadAttributes();
        assertEquals("false", a.get("debug"));
        assertEquals("[\"a=b\"]", a.get("labels"));
        assertEquals("[\"reg:5000\"]", a.get("insecure-registries"));
        assertEquals("[]", a.get("registry-mirrors"));
        assertEquals("map[]", a.get("features"));
        assertEquals("3", a.get("max-concurrent-downloads"));
    }
}
