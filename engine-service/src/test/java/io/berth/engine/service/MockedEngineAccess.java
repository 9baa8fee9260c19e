package io.berth.engine.service;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import io.berth.common.events.EventPublisher;
import io.berth.engine.EngineModule;
import io.berth.engine.TestConfigs;
import io.berth.engine.client.ImageResolver;
import io.berth.engine.client.PreparedSnapshot;
import io.berth.engine.client.ResolvedImage;
import io.berth.engine.client.SnapshotClient;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.SnapshotMount;
import io.berth.engine.network.BridgeSettings;
import io.berth.engine.network.Endpoint;
import io.berth.engine.network.EndpointRequest;
import io.berth.engine.network.NetworkDefinition;
import io.berth.engine.network.NetworkNamespaces;
import io.berth.engine.network.NetworkPlumbing;
import io.berth.engine.watch.LogWatch;
import io.berth.engine.runtime.ConmonAttachClient;
import io.berth.engine.runtime.ConmonControl;
import io.berth.engine.runtime.ConmonLauncher;
import io.berth.engine.runtime.RootfsMounter;
import io.berth.engine.runtime.RuncClient;
import io.berth.engine.runtime.RuncState;
import io.berth.engine.watch.ExitWatcher;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.HostConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's domain services wired by Guice with every boundary mocked: storage (images, snapshots),
 * monitor (events), runc, conmon (launcher and attach sockets) and the rootfs mounter. Records, logs and
 * bundles are real files in a temp dir. {@link #startRunning} makes a container "running" without any
 * process.
 */
public final class MockedEngineAccess implements AutoCloseable {
    public static final String IMAGE = "fixture/busybox:1";

    public final ImageResolver images = mock(ImageResolver.class);
    public final SnapshotClient snapshots = mock(SnapshotClient.class);
    public final EventPublisher events = mock(EventPublisher.class);
    public final RuncClient runc = mock(RuncClient.class);
    public final ConmonLauncher conmon = mock(ConmonLauncher.class);
    public final ConmonAttachClient attachSockets = mock(ConmonAttachClient.class);
    public final ConmonControl control = mock(ConmonControl.class);
    public final RootfsMounter mounter = mock(RootfsMounter.class);
    /** The CNI plugins: an attach gets 172.30.0.2/16 on the default bridge. */
    public final NetworkPlumbing plumbing = mock(NetworkPlumbing.class);
    public final NetworkNamespaces namespaces = mock(NetworkNamespaces.class);
    public final EngineConfig config;
    public final Injector injector;

    public MockedEngineAccess(Path tmp) {
        config = new EngineConfig(tmp.resolve("data"), tmp.resolve("exec"), "/berth", Path.of("/usr/sbin/runc"),
                Path.of("/usr/bin/conmon"));
        when(images.resolve(IMAGE)).thenReturn(new ResolvedImage("sha256:" + "ab".repeat(32),
                "{\"config\":{\"Cmd\":[\"sh\"]}}".getBytes(StandardCharsets.UTF_8), "sha256:top", "overlay2"));
        when(snapshots.prepare(anyString(), any())).thenReturn(new PreparedSnapshot(List.of(new SnapshotMount(
                "overlay", "overlay", List.of("lowerdir=/l", "upperdir=/u", "workdir=/w"))), Map.of("UpperDir", "/u")));
        when(runc.state(anyString())).thenReturn(Optional.empty());
        when(namespaces.create(anyString())).thenAnswer(inv -> tmp.resolve("netns").resolve((String) inv.getArgument(0)));
        when(namespaces.path(anyString())).thenAnswer(inv -> tmp.resolve("netns").resolve((String) inv.getArgument(0)));
        when(plumbing.attach(any(), any())).thenAnswer(inv -> {
            NetworkDefinition n = inv.getArgument(0);
            EndpointRequest r = inv.getArgument(1);
            return new Endpoint("ee".repeat(32), n.id(), r.containerId(), r.interfaceName(), "172.30.0.2", 16,
                    "172.30.0.1", "02:42:ac:1e:00:02", "", 0, "", "veth0", r.portMappings());
        });
        injector = Guice.createInjector(Modules.override(new EngineModule(config, tmp.resolve("s.sock"),
                tmp.resolve("m.sock"))).with(b -> {
                    b.bind(ImageResolver.class).toInstance(images);
                    b.bind(SnapshotClient.class).toInstance(snapshots);
                    b.bind(EventPublisher.class).toInstance(events);
                    b.bind(RuncClient.class).toInstance(runc);
                    b.bind(ConmonLauncher.class).toInstance(conmon);
                    b.bind(ConmonAttachClient.class).toInstance(attachSockets);
                    b.bind(ConmonControl.class).toInstance(control);
                    b.bind(RootfsMounter.class).toInstance(mounter);
                    b.bind(NetworkPlumbing.class).toInstance(plumbing);
                    b.bind(NetworkNamespaces.class).toInstance(namespaces);
                    b.bind(BridgeSettings.class).toInstance(new BridgeSettings("btmock0", "172.30.0.1/16"));
                }));
        get(ExitWatcher.class).start(get(ContainerExitHandler.class));
    }

    public <T> T get(Class<T> type) {
        return injector.getInstance(type);
    }

    public ContainerRecord create(String name, List<String> cmd, boolean autoRemove) {
        return get(ContainerCreator.class).create(new CreateRequest(name, TestConfigs.config(IMAGE, cmd),
                ContainerRecord.DEFAULT_HOST_CONFIG.toBuilder().setAutoRemove(autoRemove).build()));
    }

    /** Starts a container through the real starter with conmon/runc mocked: it is then "running". */
    public ContainerRecord startRunning(ContainerRecord r) {
        when(conmon.launch(anyString(), anyString(), any(), any(), anyBoolean(), any())).thenReturn(new ConmonLauncher.Launched(4242, 0));
        get(ContainerStarter.class).start(r.id());
        when(runc.state(r.id())).thenReturn(Optional.of(new RuncState("running", 4242)));
        return get(ContainerQueries.class).inspect(r.id());
    }

    /**
     * @param id a created container's ID
     * @return its record, now "running"
     */
    public ContainerRecord startRunning(String id) {
        return startRunning(get(ContainerQueries.class).inspect(id));
    }

    /** Writes k8s-file lines as conmon would, in the container's log (its LogPath in the data root). */
    public void conmonWrites(String id, String k8sLines) throws Exception {
        Files.writeString(Path.of(get(ContainerQueries.class).inspect(id).logPath()), k8sLines, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    @Override
    public void close() {
        get(ExitWatcher.class).close();
        get(LogWatch.class).close();
    }
}
