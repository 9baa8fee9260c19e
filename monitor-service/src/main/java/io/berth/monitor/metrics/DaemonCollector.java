package io.berth.monitor.metrics;

import io.berth.monitor.stats.RunningContainers;
import io.berth.monitor.stats.StatsSampler;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The daemon's own metrics under dockerd's names (moby daemon/metrics.go): {@code
 * engine_daemon_container_states_containers{state="running"|"paused"|"stopped"}} from the engine's latest
 * listing (running = running or restarting and not paused, as dockerd's state counter), {@code
 * engine_daemon_events_total} (events published since the monitor started) and the machine's
 * {@code machine_cpu_cores} and {@code machine_memory_bytes} (cAdvisor's names, from {@code /proc}).
 */
public final class DaemonCollector implements MultiCollector {
    private final StatsSampler sampler;
    private final AtomicLong events = new AtomicLong();
    private final Supplier<long[]> machine;

    /**
     * @param sampler the sampler whose engine listing is counted
     * @param machine {@code {cores, memory bytes}} of the machine now
     */
    public DaemonCollector(StatsSampler sampler, Supplier<long[]> machine) {
        this.sampler = sampler;
        this.machine = machine;
    }

    /** Counts one published event. */
    public void eventPublished() {
        events.incrementAndGet();
    }

    @Override
    public MetricSnapshots collect() {
        long running = 0;
        long paused = 0;
        long stopped = 0;
        for (RunningContainers.Running c : sampler.containers()) {
            if ("paused".equals(c.state())) {
                paused++;
            } else if ("running".equals(c.state()) || "restarting".equals(c.state())) {
                running++;
            } else {
                stopped++;
            }
        }
        CadvisorCollector.Families f = new CadvisorCollector.Families();
        String states = "The count of containers in various states";
        f.gauge("engine_daemon_container_states_containers", states, Labels.of("state", "paused"), paused);
        f.gauge("engine_daemon_container_states_containers", states, Labels.of("state", "running"), running);
        f.gauge("engine_daemon_container_states_containers", states, Labels.of("state", "stopped"), stopped);
        f.counter("engine_daemon_events", "The number of events logged", Labels.EMPTY, events.get());
        long[] m = machine.get();
        f.gauge("machine_cpu_cores", "Number of logical CPU cores.", Labels.EMPTY, m[0]);
        f.gauge("machine_memory_bytes", "Amount of memory installed on the machine.", Labels.EMPTY, m[1]);
        return f.build();
    }
}
