package io.berth.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.berth.engine.TestConfigs;
import io.berth.engine.client.SnapshotClient;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerState;
import io.berth.engine.runtime.HostProcesses;
import io.berth.engine.runtime.RootfsMounter;
import io.berth.engine.runtime.RuntimeCleanup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanSweepTest {
    private static final String KEPT = "a".repeat(64);
    private static final String RUNNING = "b".repeat(64);
    private static final String ORPHAN = "c".repeat(64);
    private static final String UNREADABLE = "d".repeat(64);

    @TempDir
    Path tmp;

    private final RuntimeCleanup cleanup = mock(RuntimeCleanup.class);
    private final RootfsMounter mounter = mock(RootfsMounter.class);
    private final SnapshotClient snapshots = mock(SnapshotClient.class);

    private static Container container(String id, ContainerState state) {
        return new Container(new ContainerRecord(id, "/n" + id.charAt(0), Instant.EPOCH, "sh", List.of(),
                TestConfigs.config("img", List.of("sh")), ContainerRecord.DEFAULT_HOST_CONFIG, state, "sha256:x",
                "overlay2", null, null, "/l", "/h", "/hs", "/r", 0, "linux", List.of()));
    }

    private OrphanSweep sweep(EngineConfig config) throws Exception {
        Files.createDirectories(tmp.resolve("proc"));
        Files.createDirectories(tmp.resolve("cgroup/memory/berth/" + ORPHAN));
        Files.createDirectories(tmp.resolve("cgroup/memory/berth/" + RUNNING));
        return new OrphanSweep(config, cleanup, mounter, snapshots, new HostProcesses(tmp.resolve("proc")),
                tmp.resolve("cgroup"));
    }

    @Test
    void removesWhatNoRecordOwns_keepsWhatRecordsOwn() throws Exception {
        EngineConfig config = new EngineConfig(tmp.resolve("data"), tmp.resolve("exec"), "/berth", Path.of("runc"),
                Path.of("conmon"));
        for (String id : List.of(KEPT, RUNNING, ORPHAN)) {
            Files.createDirectories(config.bundle(id).rootfs());
            Files.createDirectories(config.runcRoot().resolve(id));
            Files.createDirectories(config.exitDir());
            Files.writeString(config.exitDir().resolve(id), "0");
        }
        Files.createDirectories(config.containerDir(KEPT));
        Files.createDirectories(config.containerDir(ORPHAN)); // a create cut short before its record
        Files.createDirectories(config.containerDir(UNREADABLE));
        Files.writeString(config.containerDir(UNREADABLE).resolve("config.v2.json"), "{torn");
        Files.createDirectories(config.execRoot().resolve("prefill").resolve(ORPHAN));
        when(mounter.mountPointsUnder(org.mockito.ArgumentMatchers.any())).thenReturn(List.of());
        when(snapshots.activeKeys()).thenReturn(List.of(KEPT, RUNNING, ORPHAN, UNREADABLE, "extract-123"));

        sweep(config).run(List.of(container(KEPT, ContainerState.created()),
                container(RUNNING, ContainerState.created().running(42, 41, Instant.EPOCH))));

        assertFalse(Files.exists(config.bundle(ORPHAN).dir()), "bundle of no record");
        assertTrue(Files.exists(config.bundle(KEPT).dir()));
        assertTrue(Files.exists(config.bundle(RUNNING).dir()));
        verify(cleanup).release(ORPHAN);
        verify(cleanup).deleteRuncState(KEPT);
        verify(cleanup).deleteRuncState(ORPHAN);
        verify(cleanup, never()).deleteRuncState(RUNNING);
        assertFalse(Files.exists(config.containerDir(ORPHAN)));
        assertTrue(Files.exists(config.containerDir(UNREADABLE)), "an unreadable record is never deleted");
        assertFalse(Files.exists(config.exitDir().resolve(ORPHAN)));
        assertTrue(Files.exists(config.exitDir().resolve(KEPT)));
        assertFalse(Files.exists(config.execRoot().resolve("prefill").resolve(ORPHAN)));
        verify(snapshots).remove(ORPHAN);
        verify(snapshots, never()).remove(KEPT);
        verify(snapshots, never()).remove(UNREADABLE);
        verify(snapshots, never()).remove("extract-123");
        assertFalse(Files.exists(tmp.resolve("cgroup/memory/berth/" + ORPHAN)), "cgroup of no running container");
        assertTrue(Files.exists(tmp.resolve("cgroup/memory/berth/" + RUNNING)));
    }

    @Test
    void storageDown_restIsSweptAnyway() throws Exception {
        EngineConfig config = new EngineConfig(tmp.resolve("data"), tmp.resolve("exec"), "/berth", Path.of("runc"),
                Path.of("conmon"));
        Files.createDirectories(config.bundle(ORPHAN).rootfs());
        when(mounter.mountPointsUnder(org.mockito.ArgumentMatchers.any())).thenReturn(List.of());
        when(snapshots.activeKeys()).thenThrow(new io.berth.common.errors.UnavailableException("storage down"));

        sweep(config).run(List.of());

        assertFalse(Files.exists(config.bundle(ORPHAN).dir()));
        verify(snapshots, never()).remove(anyString());
    }
}
