package io.berth.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockIoAccountingTest {
    @TempDir
    Path root;

    private void write(String relative, String text) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void forHost_v1_addsANoOpReadRulePerDiskBackedByADevice() throws IOException {
        write("sys/block/vda/dev", "254:0\n");
        Files.createDirectories(root.resolve("sys/block/vda/device"));
        write("sys/block/loop0/dev", "7:0\n");
        write("sys/block/zram0/dev", "253:0\n");
        ObjectNode resources = Json.MAPPER.createObjectNode();
        BlockIoAccounting.forHost(root).addTo(resources);
        assertEquals("{\"blockIO\":{\"throttleReadBpsDevice\":[{\"major\":254,\"minor\":0,\"rate\":1099511627776}]}}",
                resources.toString());
    }

    @Test
    void forHost_v2_addsNothing() throws IOException {
        write("sys/fs/cgroup/cgroup.controllers", "io memory\n");
        write("sys/block/vda/dev", "254:0\n");
        Files.createDirectories(root.resolve("sys/block/vda/device"));
        ObjectNode resources = Json.MAPPER.createObjectNode();
        BlockIoAccounting.forHost(root).addTo(resources);
        assertFalse(resources.has("blockIO"));
    }
}
