package io.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor driving real child JVMs ({@link FakeService}) through start, crash, restart and stop. */
class SupervisorTest {
    @TempDir
    Path dir;

    private DaemonConfig config;
    private FakeServices services;
    private Supervisor supervisor;

    private Supervisor supervisor(Duration readyTimeout, RestartPolicy policy) {
        config = FakeServices.config(dir);
        services = new FakeServices(config);
        supervisor = new Supervisor(List.of(ServiceKind.values()), services,
                k -> k.servesGrpc() ? new SocketProbe(config.socket(k))
                        : new PingProbe(config.hosts().get(0), Duration.ofSeconds(2)),
                readyTimeout, Duration.ofSeconds(10), () -> policy);
        return supervisor;
    }

    @AfterEach
    void stopEverything() {
        if (supervisor != null) {
            supervisor.stopAll();
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void startAll_startsEachServiceInOrderAndStopAllStopsThem() throws Exception {
        supervisor(Duration.ofSeconds(60), RestartPolicy.standard()).startAll();
        assertEquals(List.of(ServiceKind.values()), services.launched);
        Map<ServiceKind, Long> pids = supervisor.pids();
        assertEquals(4, pids.size());
        pids.values().forEach(pid -> assertTrue(alive(pid)));
        // berthd's readiness is the socket accepting; the health answer may take a moment on a loaded machine
        FakeServices.await(() -> new GrpcHealthProbe(config.socket(ServiceKind.ENGINE)).isReady(), "engine health");
        supervisor.stopAll();
        pids.values().forEach(pid -> assertFalse(alive(pid)));
        assertTrue(supervisor.pids().isEmpty());
        assertTrue(Files.readString(config.logFile(ServiceKind.MONITOR)).contains("fake service ready"));
    }

    @Test
    void startAll_serviceExitsDuringStart_namesItAndItsLog() throws Exception {
        supervisor(Duration.ofSeconds(60), RestartPolicy.standard());
        services.modes.put(ServiceKind.ENGINE, "exit:7");
        StartupException e = assertThrows(StartupException.class, supervisor::startAll);
        assertTrue(e.getMessage().contains("engine-service exited with status 7"), e.getMessage());
        assertEquals(config.logFile(ServiceKind.ENGINE), e.log());
        // All are launched together; the failure is reported for the service that failed.
        assertEquals(List.of(ServiceKind.values()), services.launched);
        Map<ServiceKind, Long> started = supervisor.pids();
        supervisor.stopAll();
        started.values().forEach(pid -> assertFalse(alive(pid)));
    }

    @Test
    void startAll_serviceNeverReady_timesOutNamingIt() throws Exception {
        supervisor(Duration.ofSeconds(3), RestartPolicy.standard());
        services.modes.put(ServiceKind.MONITOR, "hang");
        StartupException e = assertThrows(StartupException.class, supervisor::startAll);
        assertTrue(e.getMessage().contains("monitor-service did not become ready within 3 s"), e.getMessage());
    }

    @Test
    void crashedService_isRestarted() throws Exception {
        supervisor(Duration.ofSeconds(60), RestartPolicy.standard()).startAll();
        long old = supervisor.pids().get(ServiceKind.STORAGE);
        ProcessHandle.of(old).orElseThrow().destroyForcibly();
        FakeServices.await(() -> {
            Long now = supervisor.pids().get(ServiceKind.STORAGE);
            return now != null && now != old && alive(now);
        }, "storage to be restarted");
        FakeServices.await(() -> new GrpcHealthProbe(config.socket(ServiceKind.STORAGE)).isReady(), "storage ready");
        assertNotEquals(old, supervisor.pids().get(ServiceKind.STORAGE));
        assertFalse(supervisor.fatal().isDone());
    }

    @Test
    void serviceThatKeepsCrashing_makesTheSupervisorGiveUp() throws Exception {
        supervisor(Duration.ofSeconds(60), new RestartPolicy(2, Duration.ofMinutes(5), Duration.ofMillis(10),
                Duration.ofMillis(10))).startAll();
        services.modes.put(ServiceKind.STORAGE, "exit:3");
        ProcessHandle.of(supervisor.pids().get(ServiceKind.STORAGE)).orElseThrow().destroyForcibly();
        String reason = supervisor.fatal().get(60, TimeUnit.SECONDS);
        assertTrue(reason.contains("storage-service keeps crashing"), reason);
    }
}
