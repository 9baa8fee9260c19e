package io.berth.monitor.stats;

import com.google.protobuf.Timestamp;
import io.berth.common.time.DockerTime;
import io.berth.proto.monitor.v1.ContainerStats;
import java.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Samples every running container's cgroup once a second and keeps, per container, the latest sample with
 * the one before it (as "pre"), so a {@code stream=false} request answers at once with a CPU delta instead of
 * waiting a second as dockerd does.
 *
 * <p>Which containers run comes from the engine ({@link RunningContainers}), asked again ("resync") when the
 * monitor's own event bus sees a container start, die, pause, unpause or destroy ({@link #containersChanged}),
 * when a request names a container the sampler does not know, when the engine could not be reached, and at
 * least every {@link #RESYNC_TICKS} ticks. Each sample reads the host's CPU time right after the container's
 * cgroup, as dockerd's collector does, so the CPU and system deltas cover the same interval.
 *
 * <p>Streams ({@link #subscribe}) get one sample per tick: the container's latest, or a {@code running=false}
 * sample while it is not running (dockerd's collector publishes the zero-valued object then).
 *
 * <p>Each tick also reads every sampled container's network namespace counters ({@code /proc/<pid>/net/dev})
 * and hands the tick's {@link ContainerSample}s to the tick listeners ({@link #onTick}: the in-memory history
 * of the page); {@link #samples} and {@link #containers} serve {@code /metrics} and cAdvisor's API.
 */
public final class StatsSampler implements AutoCloseable {
    /** The most ticks between two asks to the engine. */
    public static final int RESYNC_TICKS = 10;

    private static final Logger LOG = LogManager.getLogger(StatsSampler.class);
    private static final ContainerStats NOT_RUNNING = ContainerStats.newBuilder().setRunning(false).build();

    private final RunningContainers engine;
    private final CgroupReader reader;
    private final HostCpu host;
    private final Clock clock;
    private final Object lock = new Object();
    private final AtomicBoolean resync = new AtomicBoolean(true);
    private final Map<String, Integer> pids = new HashMap<>();
    private final Map<String, ContainerStats> latest = new ConcurrentHashMap<>();
    private final Map<String, Set<Consumer<ContainerStats>>> listeners = new ConcurrentHashMap<>();
    private final Map<String, RunningContainers.Running> info = new ConcurrentHashMap<>();
    private final Map<String, List<NetDev>> networks = new ConcurrentHashMap<>();
    private final List<Consumer<Collection<ContainerSample>>> tickListeners = new CopyOnWriteArrayList<>();
    private final Path procRoot;
    private final Map<String, String> cgroupNames = new ConcurrentHashMap<>();
    private volatile List<RunningContainers.Running> all = List.of();
    private int ticksSinceResync;
    private ScheduledExecutorService timer;

    /**
     * @param engine the running containers
     * @param reader the host's cgroup reader
     * @param host the host's CPU time
     * @param clock the clock samples are stamped with ("read")
     */
    public StatsSampler(RunningContainers engine, CgroupReader reader, HostCpu host, Clock clock) {
        this(engine, reader, host, clock, null);
    }

    /**
     * @param engine the containers
     * @param reader the host's cgroup reader
     * @param host the host's CPU time
     * @param clock the clock samples are stamped with ("read")
     * @param procRoot the directory holding proc, where each container's {@code /proc/<pid>/net/dev} and
     *     {@code /proc/<pid>/cgroup} are read; null: no network counters and no cgroup names
     */
    public StatsSampler(RunningContainers engine, CgroupReader reader, HostCpu host, Clock clock, Path procRoot) {
        this.procRoot = procRoot;
        this.engine = engine;
        this.reader = reader;
        this.host = host;
        this.clock = clock;
    }

    /**
     * Starts ticking on a daemon thread.
     *
     * @param interval the time between ticks (a second in production)
     */
    public void start(Duration interval) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stats-sampler");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::tickSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Marks the set of running containers as changed: the next tick asks the engine. */
    public void containersChanged() {
        resync.set(true);
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("stats tick failed", e);
        }
    }

    /** One round: asks the engine if needed, samples every known container, feeds the streams. */
    public void tick() {
        synchronized (lock) {
            if (resync.getAndSet(false) || ++ticksSinceResync >= RESYNC_TICKS) {
                resync();
            }
            for (Map.Entry<String, Integer> e : Map.copyOf(pids).entrySet()) {
                sample(e.getKey(), e.getValue());
            }
        }
        List<ContainerSample> samples = samples();
        for (Consumer<Collection<ContainerSample>> l : tickListeners) {
            try {
                l.accept(samples);
            } catch (RuntimeException ex) {
                LOG.warn("stats tick listener failed", ex);
            }
        }
        for (Map.Entry<String, Set<Consumer<ContainerStats>>> e : listeners.entrySet()) {
            ContainerStats s = latest.getOrDefault(e.getKey(), NOT_RUNNING);
            for (Consumer<ContainerStats> l : e.getValue()) {
                try {
                    l.accept(s);
                } catch (RuntimeException ex) {
                    LOG.debug("stats listener failed: {}", ex.toString());
                }
            }
        }
    }

    /**
     * The latest sample of a container; one the sampler does not know yet (just started) is looked up in the
     * engine and sampled at once (without "pre" then).
     *
     * @param id the full container ID
     * @return the sample with "pre" filled when there is a previous one; empty if the container is not running
     */
    public Optional<ContainerStats> latest(String id) {
        ContainerStats s = latest.get(id);
        if (s != null) {
            return Optional.of(s);
        }
        synchronized (lock) {
            if (!latest.containsKey(id)) {
                resync();
                Integer pid = pids.get(id);
                if (pid != null) {
                    sample(id, pid);
                }
            }
            return Optional.ofNullable(latest.get(id));
        }
    }

    /**
     * Feeds a container's samples to a listener, one per tick, from the sampler's thread.
     *
     * @param id the full container ID
     * @param listener gets the latest sample, or a running=false one while the container is not running; must
     *     not block
     * @return what stops the feed
     */
    public Runnable subscribe(String id, Consumer<ContainerStats> listener) {
        listeners.computeIfAbsent(id, k -> new CopyOnWriteArraySet<>()).add(listener);
        return () -> listeners.computeIfPresent(id, (k, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /**
     * Adds a listener called after every tick, on the sampler's thread.
     *
     * @param listener gets the tick's samples (one per sampled container); must not block
     */
    public void onTick(Consumer<Collection<ContainerSample>> listener) {
        tickListeners.add(listener);
    }

    /** @return the latest sample of every sampled container, with what the engine said about it */
    public List<ContainerSample> samples() {
        List<ContainerSample> out = new ArrayList<>();
        latest.forEach((id, s) -> {
            RunningContainers.Running r = info.get(id);
            if (r != null) {
                out.add(new ContainerSample(r, s, networks.getOrDefault(id, List.of()),
                        cgroupNames.getOrDefault(id, "")));
            }
        });
        return out;
    }

    /** @return every container of the engine's latest listing (running or not), for the state counts */
    public List<RunningContainers.Running> containers() {
        return all;
    }

    /** @return the IDs of the containers being sampled */
    public Set<String> sampled() {
        synchronized (lock) {
            return Set.copyOf(pids.keySet());
        }
    }

    private void resync() {
        ticksSinceResync = 0;
        List<RunningContainers.Running> running;
        try {
            running = engine.list();
        } catch (RuntimeException e) {
            LOG.debug("cannot list the running containers: {}", e.toString());
            resync.set(true);
            return;
        }
        all = List.copyOf(running);
        Map<String, Integer> now = new HashMap<>();
        running.stream().filter(RunningContainers.Running::hasProcess).forEach(r -> {
            now.put(r.id(), r.pid());
            info.put(r.id(), r);
        });
        pids.keySet().removeIf(id -> !now.containsKey(id));
        latest.keySet().removeIf(id -> !now.containsKey(id));
        info.keySet().removeIf(id -> !now.containsKey(id));
        networks.keySet().removeIf(id -> !now.containsKey(id));
        cgroupNames.keySet().removeIf(id -> !now.containsKey(id));
        now.forEach((id, pid) -> {
            Integer old = pids.put(id, pid);
            if (old != null && !old.equals(pid)) {
                latest.remove(id);
                cgroupNames.remove(id);
            }
        });
    }

    private void sample(String id, int pid) {
        Optional<ContainerStats> read = reader.read(pid);
        if (read.isEmpty()) {
            pids.remove(id);
            latest.remove(id);
            resync.set(true);
            return;
        }
        HostCpu.Usage usage = host.read();
        Timestamp now = DockerTime.toTimestamp(clock.instant());
        ContainerStats.Builder b = read.get().toBuilder().setRead(now);
        b.getCpuBuilder().setSystemCpuUsage(usage.systemUsage()).setOnlineCpus(usage.onlineCpus());
        ContainerStats previous = latest.get(id);
        if (previous != null) {
            b.setPreread(previous.getRead()).setPrecpu(previous.getCpu());
        }
        if (procRoot != null) {
            List<NetDev> devs = NetDev.read(procRoot.resolve("proc").resolve(Integer.toString(pid)).resolve("net/dev"));
            networks.put(id, devs);
            if (!isHostNamespace(pid)) {
                // dockerd's "networks": its endpoints' interfaces, never lo.
                devs.stream().filter(d -> !d.name().equals("lo")).forEach(d -> b.addNetworks(
                        io.berth.proto.monitor.v1.NetworkStats.newBuilder().setName(d.name()).setRxBytes(d.rxBytes())
                                .setRxPackets(d.rxPackets()).setRxErrors(d.rxErrors()).setRxDropped(d.rxDropped())
                                .setTxBytes(d.txBytes()).setTxPackets(d.txPackets()).setTxErrors(d.txErrors())
                                .setTxDropped(d.txDropped())));
            }
            cgroupNames.computeIfAbsent(id, k -> ProcessCgroups.name(procRoot, pid));
        }
        latest.put(id, b.build());
    }

    /**
     * @param pid a container's process
     * @return true if it lives in the host's network namespace ({@code --network host}: dockerd reports no
     *     networks for it), judged by the namespace link of {@code <proc-root>/proc/<pid>/ns/net} against pid 1's
     */
    private boolean isHostNamespace(int pid) {
        try {
            Path proc = procRoot.resolve("proc");
            return Files.readSymbolicLink(proc.resolve(Integer.toString(pid)).resolve("ns/net"))
                    .equals(Files.readSymbolicLink(proc.resolve("1").resolve("ns/net")));
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Stops ticking. */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
