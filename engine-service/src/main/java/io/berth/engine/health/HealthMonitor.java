package io.berth.engine.health;

import io.berth.common.DaemonThreads;
import io.berth.engine.client.ContainerEvents;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerRecordFiles;
import io.berth.engine.container.HealthState;
import io.berth.engine.exec.ExecCreateRequest;
import io.berth.engine.exec.ExecProcess;
import io.berth.engine.exec.ExecRecord;
import io.berth.engine.exec.ExecService;
import io.berth.proto.engine.v1.Healthcheck;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs the healthchecks of running containers as dockerd's health monitor (moby daemon/health.go): one
 * probe per Interval, the first one Interval after the start, each the next Interval after the previous one
 * ended; each probe is an exec in the container (so {@code exec_create}, {@code exec_start} and
 * {@code exec_die} events, as dockerd) whose stdout and stderr (first {@value #MAX_OUTPUT} bytes) are kept. A
 * probe still running after Timeout is killed (SIGKILL to its process; dockerd 20.10 leaves it running) and
 * recorded with exit code -1 and "Health check exceeded timeout (30s)". Each result goes into State.Health
 * ({@link HealthState#record}) and the record is saved; a change of status publishes
 * {@code health_status: <status>}.
 */
@Singleton
public final class HealthMonitor implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(HealthMonitor.class);
    /** dockerd's limit of a probe's kept output (maxOutputLen), bytes. */
    static final int MAX_OUTPUT = 4096;

    private final ExecService execs;
    private final ContainerRecordFiles files;
    private final ContainerEvents events;
    private final Clock clock;
    private final Map<String, Future<?>> scheduled = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("health-timer"));
    private final ExecutorService probes = Executors.newCachedThreadPool(DaemonThreads.named("health-probe"));

    /**
     * @param execs the exec machinery
     * @param files record persistence
     * @param events event publishing
     * @param clock the time source
     */
    @Inject
    public HealthMonitor(ExecService execs, ContainerRecordFiles files, ContainerEvents events, Clock clock) {
        this.execs = execs;
        this.files = files;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Starts probing a container that just started (or that the engine re-attached to), if it has a
     * healthcheck.
     *
     * @param c the running container
     */
    public void start(Container c) {
        ContainerRecord r = c.record();
        if (Healthchecks.command(r.config()).isEmpty()) {
            return;
        }
        stop(c.id());
        schedule(c, r.state().startedAt());
    }

    /**
     * Stops probing a container (its run ended, or it is being removed); a probe under way finishes but its
     * result is dropped.
     *
     * @param containerId the container
     */
    public void stop(String containerId) {
        Future<?> f = scheduled.remove(containerId);
        if (f != null) {
            f.cancel(false);
        }
    }

    private void schedule(Container c, Instant runStartedAt) {
        long interval = Healthchecks.intervalNanos(c.record().config().getHealthcheck());
        scheduled.put(c.id(), timer.schedule(() -> probes.execute(() -> probeAndReschedule(c, runStartedAt)),
                interval, TimeUnit.NANOSECONDS));
    }

    private void probeAndReschedule(Container c, Instant runStartedAt) {
        if (!sameRun(c, runStartedAt)) {
            return;
        }
        HealthState.Result result = probe(c);
        if (record(c, runStartedAt, result)) {
            schedule(c, runStartedAt);
        }
    }

    private boolean sameRun(Container c, Instant runStartedAt) {
        ContainerRecord r = c.record();
        return scheduled.containsKey(c.id()) && r.state().isRunning() && !c.isRemoving()
                && runStartedAt.equals(r.state().startedAt());
    }

    private HealthState.Result probe(Container c) {
        Healthcheck h = c.record().config().getHealthcheck();
        List<String> cmd = Healthchecks.command(c.record().config()).orElseThrow();
        Instant start = clock.instant();
        ExecRecord exec;
        ExecProcess p;
        try {
            exec = execs.create(c.id(), new ExecCreateRequest(cmd, List.of(), "", "", false, false, false, true,
                    true, ""));
            execs.prepare(exec);
            p = execs.launch(exec, true);
        } catch (RuntimeException e) {
            return new HealthState.Result(start, clock.instant(), -1, e.getMessage() == null ? e.toString()
                    : e.getMessage());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Future<Integer> done = probes.submit(() -> {
            p.pumpOutput((stream, data) -> {
                synchronized (out) {
                    out.write(data, 0, Math.max(0, Math.min(data.length, MAX_OUTPUT - out.size())));
                }
            });
            return execs.finish(exec, p);
        });
        long timeout = Healthchecks.timeoutNanos(h);
        try {
            int code = done.get(timeout, TimeUnit.NANOSECONDS);
            synchronized (out) {
                return new HealthState.Result(start, clock.instant(), code, out.toString(StandardCharsets.UTF_8));
            }
        } catch (TimeoutException e) {
            kill(p.pid());
            awaitQuietly(done);
            return new HealthState.Result(start, clock.instant(), -1,
                    "Health check exceeded timeout (" + Healthchecks.goDuration(timeout) + ")");
        } catch (ExecutionException e) {
            return new HealthState.Result(start, clock.instant(), -1, String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HealthState.Result(start, clock.instant(), -1, "interrupted");
        }
    }

    /** @return true to go on probing */
    private boolean record(Container c, Instant runStartedAt, HealthState.Result result) {
        c.lock().lock();
        try {
            if (!sameRun(c, runStartedAt)) {
                return false;
            }
            Healthcheck h = c.record().config().getHealthcheck();
            HealthState before = c.record().state().health() != null ? c.record().state().health()
                    : HealthState.starting();
            boolean inStartPeriod = Duration.between(runStartedAt, result.start()).toNanos()
                    < h.getStartPeriodNanos();
            HealthState after = before.record(result, Healthchecks.retries(h), inStartPeriod);
            ContainerRecord r = c.update(x -> x.withState(x.state().withHealth(after)));
            try {
                files.save(r);
            } catch (RuntimeException e) {
                LOG.warn("cannot save the health of {}: {}", c.id(), e.getMessage());
            }
            if (!after.status().equals(before.status())) {
                events.publish(r, "health_status: " + after.status());
            }
            return true;
        } finally {
            c.lock().unlock();
        }
    }

    /** Kills the probe's process and what it started (a shell's children keep its output open). */
    private static void kill(int pid) {
        ProcessHandle.of(pid).ifPresent(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
    }

    private static void awaitQuietly(Future<Integer> done) {
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("the killed probe did not end cleanly: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }


    /** Stops every probe schedule. */
    @Override
    public void close() {
        timer.shutdownNow();
        probes.shutdownNow();
    }
}
