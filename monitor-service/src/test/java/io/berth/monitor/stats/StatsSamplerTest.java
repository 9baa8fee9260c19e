package io.berth.monitor.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.proto.monitor.v1.ContainerStats;
import io.berth.proto.monitor.v1.CpuStats;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StatsSamplerTest {
    /** A reader whose CPU counter grows by 1 s of CPU per read, per pid. */
    static final class CountingReader implements CgroupReader {
        final Map<Integer, Long> cpu = new HashMap<>();
        final List<Integer> gone = new ArrayList<>();

        @Override
        public Optional<ContainerStats> read(int pid) {
            if (gone.contains(pid)) {
                return Optional.empty();
            }
            long total = cpu.merge(pid, 1_000_000_000L, Long::sum);
            return Optional.of(ContainerStats.newBuilder().setRunning(true)
                    .setCpu(CpuStats.newBuilder().setTotalUsage(total)).build());
        }
    }

    final List<RunningContainers.Running> running = new ArrayList<>();
    final AtomicInteger lists = new AtomicInteger();
    final CountingReader reader = new CountingReader();
    final StatsSampler sampler = new StatsSampler(() -> {
        lists.incrementAndGet();
        return List.copyOf(running);
    }, reader, new HostCpu(Fixtures.tree("cgroup-v2")), Clock.fixed(Instant.ofEpochSecond(1000), ZoneOffset.UTC));

    @Test
    void tick_networksOfTheContainersNamespaceWithoutLo_noneInTheHostsNamespace(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path root) throws Exception {
        String netDev = "Inter-|   Receive                                                |  Transmit\n"
                + " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n"
                + "    lo:     100       2    0    0    0     0          0         0      100       2    0    0    0     0       0          0\n"
                + "  eth0:    1500      10    1    2    0     0          0         0      700       5    3    4    0     0       0          0\n";
        for (String pid : List.of("10", "20")) {
            java.nio.file.Path p = java.nio.file.Files.createDirectories(root.resolve("proc").resolve(pid).resolve("net"));
            java.nio.file.Files.writeString(p.resolve("dev"), netDev);
            java.nio.file.Files.createDirectories(p.resolveSibling("ns"));
        }
        java.nio.file.Files.createDirectories(root.resolve("proc/1/ns"));
        java.nio.file.Files.createSymbolicLink(root.resolve("proc/1/ns/net"), java.nio.file.Path.of("net:[4026531840]"));
        java.nio.file.Files.createSymbolicLink(root.resolve("proc/10/ns/net"), java.nio.file.Path.of("net:[4026532999]"));
        java.nio.file.Files.createSymbolicLink(root.resolve("proc/20/ns/net"), java.nio.file.Path.of("net:[4026531840]"));
        StatsSampler s = new StatsSampler(() -> List.of(new RunningContainers.Running("own", 10),
                new RunningContainers.Running("host", 20)), reader, new HostCpu(Fixtures.tree("cgroup-v2")),
                Clock.fixed(Instant.ofEpochSecond(1000), ZoneOffset.UTC), root);
        s.tick();

        ContainerStats own = s.latest("own").orElseThrow();
        assertEquals(1, own.getNetworksCount());
        assertEquals("eth0", own.getNetworks(0).getName());
        assertEquals(1500, own.getNetworks(0).getRxBytes());
        assertEquals(10, own.getNetworks(0).getRxPackets());
        assertEquals(2, own.getNetworks(0).getRxDropped());
        assertEquals(700, own.getNetworks(0).getTxBytes());
        assertEquals(4, own.getNetworks(0).getTxDropped());
        assertEquals(0, s.latest("host").orElseThrow().getNetworksCount());
    }

    @Test
    void tick_keepsTheLatestSampleWithThePreviousAsPre() {
        running.add(new RunningContainers.Running("a", 10));
        sampler.tick();
        ContainerStats first = sampler.latest("a").orElseThrow();
        assertFalse(first.hasPrecpu(), "nothing before the first sample");
        assertEquals(2, first.getCpu().getOnlineCpus());
        assertEquals(11400000000L, first.getCpu().getSystemCpuUsage());
        sampler.tick();
        ContainerStats second = sampler.latest("a").orElseThrow();
        assertEquals(2_000_000_000L, second.getCpu().getTotalUsage());
        assertEquals(1_000_000_000L, second.getPrecpu().getTotalUsage());
        assertEquals(1000, second.getRead().getSeconds());
        assertEquals(1000, second.getPreread().getSeconds());
    }

    @Test
    void latest_isServedFromTheSampler_withoutReadingAgain() {
        running.add(new RunningContainers.Running("a", 10));
        sampler.tick();
        sampler.tick();
        sampler.latest("a");
        sampler.latest("a");
        assertEquals(2_000_000_000L, reader.cpu.get(10), "two ticks, two reads; requests read nothing");
    }

    @Test
    void latest_ofAContainerStartedSinceTheLastTick_asksTheEngineAndSamplesAtOnce() {
        sampler.tick();
        int before = lists.get();
        running.add(new RunningContainers.Running("b", 20));
        ContainerStats s = sampler.latest("b").orElseThrow();
        assertEquals(before + 1, lists.get());
        assertEquals(1_000_000_000L, s.getCpu().getTotalUsage());
        assertTrue(sampler.latest("nosuch").isEmpty());
    }

    @Test
    void tick_resyncsOnlyWhenToldOrEveryTenTicks() {
        sampler.tick();
        assertEquals(1, lists.get());
        sampler.tick();
        assertEquals(1, lists.get());
        sampler.containersChanged();
        sampler.tick();
        assertEquals(2, lists.get());
        for (int i = 0; i < StatsSampler.RESYNC_TICKS; i++) {
            sampler.tick();
        }
        assertEquals(3, lists.get());
    }

    @Test
    void tick_dropsAContainerWhoseCgroupIsGone() {
        running.add(new RunningContainers.Running("a", 10));
        sampler.tick();
        reader.gone.add(10);
        running.clear();
        sampler.tick();
        assertTrue(sampler.sampled().isEmpty());
        assertTrue(sampler.latest("a").isEmpty());
    }

    @Test
    void subscribe_getsOneSamplePerTick_notRunningWhileStopped() {
        running.add(new RunningContainers.Running("a", 10));
        List<ContainerStats> got = new ArrayList<>();
        Runnable stop = sampler.subscribe("a", got::add);
        List<ContainerStats> other = new ArrayList<>();
        sampler.subscribe("stopped", other::add);
        sampler.tick();
        sampler.tick();
        stop.run();
        sampler.tick();
        assertEquals(2, got.size());
        assertEquals(2_000_000_000L, got.get(1).getCpu().getTotalUsage());
        assertEquals(3, other.size());
        assertFalse(other.get(0).getRunning());
    }

    @Test
    void engineDown_keepsWhatItKnewAndRetries() {
        running.add(new RunningContainers.Running("a", 10));
        sampler.tick();
        AtomicInteger calls = new AtomicInteger();
        StatsSampler failing = new StatsSampler(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("engine down");
        }, reader, new HostCpu(Fixtures.tree("cgroup-v2")), Clock.systemUTC());
        failing.tick();
        failing.tick();
        assertEquals(2, calls.get(), "a failed ask is retried on the next tick");
        assertTrue(failing.sampled().isEmpty());
    }
}
