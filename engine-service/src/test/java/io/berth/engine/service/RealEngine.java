package io.berth.engine.service;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import io.berth.common.events.EventPublisher;
import io.berth.engine.Engine;
import io.berth.engine.EngineModule;
import io.berth.engine.TestConfigs;
import io.berth.engine.TestRootfs;
import io.berth.engine.client.ImageResolver;
import io.berth.engine.client.PreparedSnapshot;
import io.berth.engine.client.ResolvedImage;
import io.berth.engine.client.SnapshotClient;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.SnapshotMount;
import io.berth.engine.network.BridgeSettings;
import io.berth.engine.watch.LogWatch;
import io.berth.engine.watch.ExitWatcher;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.HostConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real engine for tests (runc, conmon, a busybox rootfs bind-mounted as every container's "snapshot"),
 * with the storage service and the monitor mocked. {@link #restart()} simulates an engine crash and a new
 * engine process on the same data and exec roots. {@link #close()} stops everything and removes the
 * cgroups, mounts and runc state it made.
 */
final class RealEngine {
    /** The image reference the mocked storage service knows. */
    static final String IMAGE = "fixture/busybox:1";

    final ImageResolver images = mock(ImageResolver.class);
    final SnapshotClient snapshots = mock(SnapshotClient.class);
    EventPublisher events = mock(EventPublisher.class);
    final String cgroupParent = "/berth-test-" + UUID.randomUUID().toString().substring(0, 8);
    /** This engine's default bridge (unique: engines of parallel builds share the host). */
    final String bridge = "bu" + UUID.randomUUID().toString().substring(0, 8);
    final EngineConfig config;
    private final List<String> created = Collections.synchronizedList(new ArrayList<>());
    private final Path tmp;
    Injector injector;
    Engine engine;

    RealEngine(Path tmp) throws IOException {
        this.tmp = tmp;
        Path rootfs = TestRootfs.create(Files.createDirectories(tmp.resolve("image-rootfs")));
        config = new EngineConfig(tmp.resolve("data"), tmp.resolve("exec"), cgroupParent, Path.of("/usr/sbin/runc"),
                Path.of("/usr/bin/conmon"));
        when(images.resolve(IMAGE)).thenReturn(new ResolvedImage("sha256:" + "ab".repeat(32),
                "{\"config\":{\"Cmd\":[\"sh\"]}}".getBytes(StandardCharsets.UTF_8), "sha256:top", "vfs"));
        when(snapshots.prepare(anyString(), eq("sha256:top"))).thenAnswer(inv -> {
            created.add(inv.getArgument(0));
            return new PreparedSnapshot(List.of(new SnapshotMount("bind", rootfs.toString(), List.of("rbind", "rw"))),
                    Map.of());
        });
        boot();
    }

    void boot() {
        injector = Guice.createInjector(Modules.override(new EngineModule(config, tmp.resolve("s.sock"),
                tmp.resolve("m.sock"))).with(b -> {
                    b.bind(ImageResolver.class).toInstance(images);
                    b.bind(SnapshotClient.class).toInstance(snapshots);
                    b.bind(EventPublisher.class).toInstance(events);
                    b.bind(BridgeSettings.class).toInstance(new BridgeSettings(bridge, null));
                }));
        engine = injector.getInstance(Engine.class);
        engine.start();
    }

    /** Drops this engine as if its process died (containers keep running under conmon). */
    void crash() {
        injector.getInstance(ExitWatcher.class).close();
        injector.getInstance(LogWatch.class).close();
    }

    /** Boots a new engine on the same roots (after {@link #crash()}), with a fresh events mock. */
    void reboot() {
        events = mock(EventPublisher.class);
        boot();
    }

    <T> T get(Class<T> type) {
        return injector.getInstance(type);
    }

    ContainerRecord create(List<String> cmd, boolean autoRemove) {
        return create(TestConfigs.config(IMAGE, cmd),
                ContainerRecord.DEFAULT_HOST_CONFIG.toBuilder().setAutoRemove(autoRemove).build());
    }

    ContainerRecord create(ContainerConfig cfg, HostConfig hc) {
        return get(ContainerCreator.class).create(new CreateRequest("", cfg, hc));
    }

    /** Stops the engine and force-cleans what it may have left. @throws Exception if cleanup fails */
    void close() throws Exception {
        engine.stop();
        RealContainerCleanup.forceClean(config, created);
        RealContainerCleanup.removeBridge(bridge);
    }
}
