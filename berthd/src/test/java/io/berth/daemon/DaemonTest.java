package io.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonTest {
    @TempDir
    Path dir;

    private static Supervisor.Launcher noLaunch() {
        return kind -> {
            throw new IOException("must not launch");
        };
    }

    @Test
    void prepare_secondDaemonOnSameDataRoot_isRefusedAndTouchesNothing() throws Exception {
        DaemonConfig c = FakeServices.config(dir);
        Daemon first = new Daemon(c, 1111, noLaunch());
        assertEquals(Optional.empty(), first.prepare());
        String pidfile = Files.readString(c.pidfile());
        Daemon second = new Daemon(c, 2222, noLaunch());
        Optional<String> refusal = second.prepare();
        assertEquals(Optional.of("berthd: another berthd (pid 1111) is already using data root " + c.dataRoot()
                + " (lock " + c.lockFile() + ")"), refusal);
        second.shutdown();
        assertEquals(pidfile, Files.readString(c.pidfile()));
        assertEquals("1111", Files.readString(c.lockFile()).trim());
        first.shutdown();
        assertFalse(Files.exists(c.pidfile()));
        Daemon third = new Daemon(c, 3333, noLaunch());
        assertEquals(Optional.empty(), third.prepare());
        third.shutdown();
    }

    @Test
    void shutdown_withLiveRestore_leavesTheContainersRunningMarker_withoutIt_none() throws Exception {
        DaemonConfig plain = FakeServices.config(dir);
        Daemon d = new Daemon(plain, 1111, noLaunch());
        assertEquals(Optional.empty(), d.prepare());
        d.shutdown();
        Path marker = plain.execRoot().resolve(io.berth.common.ContainersOutliveServices.MARKER);
        assertFalse(Files.exists(marker), "without live-restore the engine stops the containers");

        io.berth.common.settings.DaemonSettings s = plain.settings();
        io.berth.common.settings.DaemonSettings live = new io.berth.common.settings.DaemonSettings(s.debug(),
                s.logLevel(), s.labels(), s.insecureRegistries(), s.registryMirrors(), s.maxConcurrentDownloads(),
                s.maxConcurrentUploads(), true, s.defaultRuntime(), s.features(), s.logDriver(), s.logOpts(),
                s.metricsAddr(), s.maxLayerSize(), s.defaultUlimits());
        DaemonConfig c = new DaemonConfig(plain.hosts(), plain.dataRoot(), plain.execRoot(), plain.debug(),
                plain.storageDriver(), plain.pidfile(), plain.cgroupParent(), plain.tls(), plain.socketGroup(),
                plain.logDriver(), plain.logOpts(), plain.metricsAddress(), plain.insecureRegistries(), plain.links(),
                live, plain.source(), plain.bridge(), plain.bip());
        Daemon withLiveRestore = new Daemon(c, 2222, noLaunch());
        assertEquals(Optional.empty(), withLiveRestore.prepare());
        assertFalse(Files.exists(marker), "cleared at start");
        withLiveRestore.shutdown();
        assertTrue(Files.readString(marker).startsWith("live-restore"), "written before the services' SIGTERM");
        Daemon next = new Daemon(plain, 3333, noLaunch());
        assertEquals(Optional.empty(), next.prepare());
        assertFalse(Files.exists(marker), "the next berthd re-attaches and clears it");
        next.shutdown();
    }

    @Test
    void prepare_hostSocketServedByAnotherDaemon_isRefused() throws Exception {
        DaemonConfig c = FakeServices.config(dir);
        try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            other.bind(UnixDomainSocketAddress.of(c.hosts().get(0).path()));
            Daemon d = new Daemon(c, 1111, noLaunch());
            Optional<String> refusal = d.prepare();
            d.shutdown();
            assertTrue(refusal.orElseThrow().contains("is already served by another daemon"), refusal.toString());
            assertTrue(Files.exists(c.hosts().get(0).path()));
            assertFalse(Files.exists(c.dataRoot()), "a refused berthd creates nothing");
            assertFalse(Files.exists(c.execRoot()), "a refused berthd creates nothing");
        }
    }

    @Test
    void berthdProcess_onLockedDataRoot_exitsOneWithClearMessage() throws Exception {
        DaemonConfig c = FakeServices.config(dir);
        Files.createDirectories(c.dataRoot());
        try (DataRootLock held = DataRootLock.tryAcquire(c.lockFile(), 4321).orElseThrow()) {
            List<String> cmd = new ArrayList<>(List.of(JvmLauncher.current().javaBinary(), "-cp",
                    System.getProperty("java.class.path"), Berthd.class.getName(),
                    "-H", c.hosts().get(0).spec(), "--data-root", c.dataRoot().toString(),
                    "--exec-root", c.execRoot().toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, p.exitValue(), out);
            assertTrue(out.contains("berthd: another berthd (pid 4321) is already using data root " + c.dataRoot()),
                    out);
            assertFalse(Files.exists(c.execRoot()), "the refused berthd must not create the exec root");
        }
    }

    @Test
    void run_thenShutdown_startsEverythingAndCleansUp() throws Exception {
        DaemonConfig c = FakeServices.config(dir);
        Daemon d = new Daemon(c, ProcessHandle.current().pid(), new FakeServices(c));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
            try {
                return d.run();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        FakeServices.await(() -> d.supervisor().pids().size() == 4
                && new PingProbe(c.hosts().get(0), java.time.Duration.ofSeconds(2)).isReady(), "all four services");
        Map<ServiceKind, Long> pids = d.supervisor().pids();
        assertEquals(String.valueOf(ProcessHandle.current().pid()), Files.readString(c.pidfile()).trim());
        d.shutdown();
        pids.values().forEach(pid -> assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
        assertFalse(Files.exists(c.pidfile()));
        for (ServiceKind k : ServiceKind.values()) {
            assertFalse(Files.exists(c.socket(k)), k + " socket left behind");
        }
        assertFalse(Files.exists(c.hosts().get(0).path()));
        DataRootLock.tryAcquire(c.lockFile(), 1).orElseThrow().close();
        run.cancel(true);
    }
}
