package io.berth.engine.exec;

import io.berth.common.errors.ConflictException;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.engine.client.ContainerEvents;
import io.berth.engine.config.Bundle;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerIds;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.io.DetachKeys;
import io.berth.engine.runtime.ExecUser;
import io.berth.engine.runtime.UserResolver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Docker's exec instances (Engine API 1.41 {@code POST /containers/{id}/exec}, {@code /exec/{id}/start},
 * {@code /resize}, {@code /json}) with dockerd 20.10's rules (moby daemon/exec.go): create checks that the
 * container runs and records the exec with its environment merged and User/WorkingDir defaulted from the
 * container; start runs it once under its own conmon ({@link ExecLauncher}); a start that fails records
 * exit code 126; the exit of a started process is recorded before its output stream ends, then
 * {@code exec_die} is published. Events: {@code exec_create: <cmd>}, {@code exec_start: <cmd>} (attribute
 * execID), {@code exec_die} (execID, exitCode), {@code exec_detach} when a client detaches.
 */
@Singleton
public final class ExecService {
    private static final Logger LOG = LogManager.getLogger(ExecService.class);
    private static final long RESIZE_WAIT_MILLIS = 10_000;

    private final ContainerStore containers;
    private final ExecStore execs;
    private final ExecLauncher launcher;
    private final ContainerEvents events;
    private final EngineConfig config;
    private final ExecutorService monitors = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "exec-monitor");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param containers the containers
     * @param execs the exec instances
     * @param launcher conmon in exec mode
     * @param events event publishing
     * @param config paths
     */
    @Inject
    public ExecService(ContainerStore containers, ExecStore execs, ExecLauncher launcher, ContainerEvents events,
                       EngineConfig config) {
        this.containers = containers;
        this.execs = execs;
        this.launcher = launcher;
        this.events = events;
        this.config = config;
    }

    /**
     * {@code POST /containers/{id}/exec}.
     *
     * @param containerRef container ID, name or unique prefix
     * @param req the exec's settings
     * @return the new exec
     * @throws InvalidArgumentException "No exec command specified"
     * @throws NotFoundException "No such container: <ref>"
     * @throws ConflictException "Container <id> is not running", "Container <ref> is paused, unpause the
     *                           container before exec"
     * @throws InternalException "Invalid escape keys (<keys>) provided" (dockerd's 500)
     */
    public ExecRecord create(String containerRef, ExecCreateRequest req) {
        if (req.cmd().isEmpty()) {
            throw new InvalidArgumentException("No exec command specified");
        }
        Container c = containers.get(containerRef);
        ContainerRecord cr = c.record();
        checkActive(cr, containerRef);
        byte[] keys;
        try {
            keys = req.detachKeys().isEmpty() ? new byte[0] : DetachKeys.parse(req.detachKeys()).sequence();
        } catch (InvalidArgumentException e) { // dockerd's exec create answers this one with a plain error (500)
            throw new InternalException("Invalid escape keys (" + req.detachKeys() + ") provided");
        }
        ExecConfig ec = new ExecConfig(req.cmd().get(0), req.cmd().subList(1, req.cmd().size()),
                ExecEnv.of(cr.config().getHostname(), cr.config().getEnvList(), req.tty(), req.env()),
                req.user().isEmpty() ? cr.config().getUser() : req.user(),
                req.workingDir().isEmpty() ? cr.config().getWorkingDir() : req.workingDir(),
                req.privileged(), req.tty(), req.attachStdin(), req.attachStdout(), req.attachStderr(), keys);
        ExecRecord r = new ExecRecord(ContainerIds.generate(), cr.id(), ec);
        execs.add(r);
        events.publish(cr, "exec_create: " + ec.commandLine(), Map.of("execID", r.id()));
        return r;
    }

    /**
     * dockerd's {@code getExecConfig}: the exec, if its container still exists and runs.
     *
     * @param id the exec ID
     * @return the exec
     * @throws NotFoundException "No such exec instance: <id>", or "No such container: <id>" when the
     *                           container was removed
     * @throws ConflictException "Container <id> is not running" when it stopped
     */
    public ExecRecord accept(String id) {
        ExecRecord r = execs.get(id);
        Optional<Container> c = containers.find(r.containerId());
        if (c.isEmpty()) {
            throw new NotFoundException("No such container: " + id);
        }
        checkActive(c.get().record(), c.get().id());
        return r;
    }

    /**
     * Starts an accepted exec: resolves its user in the container, writes its process spec, runs it under
     * conmon. A failure records exit code 126 (dockerd 20.10) and is thrown.
     *
     * @param r the exec ({@link #accept})
     * @param attach connect its stdin and output (false: detached)
     * @return the running process
     * @throws ConflictException "Error: Exec command <id> has already run" / "... is already running"
     * @throws ExecStartException with the runtime's text when the process cannot start
     * @throws InvalidArgumentException "unable to find user x: no matching entries in passwd file"
     */
    public ExecProcess start(ExecRecord r, boolean attach) {
        String conflict = r.claimStart();
        if (conflict != null) {
            throw new ConflictException(conflict);
        }
        Container c = containers.find(r.containerId()).orElseThrow(() -> failed(r,
                new NotFoundException("No such exec instance: " + r.id())));
        ContainerRecord cr = c.record();
        ExecConfig ec = r.config();
        events.publish(cr, "exec_start: " + ec.commandLine(), Map.of("execID", r.id()));
        try {
            Bundle b = config.bundle(cr.id());
            ExecUser user = ec.user().isEmpty() ? null : UserResolver.resolve(b.rootfs(), ec.user());
            var dir = launcher.prepare(r.id());
            ExecProcessSpec.write(b, ec, user, dir.resolve("process.json"));
            ExecProcess p = launcher.launch(new ExecLauncher.Request(cr.id(), cr.shortName(), r.id(), ec.tty(),
                    ec.openStdin() && attach, attach));
            r.started(p.pid(), p);
            return p;
        } catch (RuntimeException e) {
            throw failed(r, e);
        }
    }

    /**
     * Waits for a started exec's exit, records it, publishes {@code exec_die} and releases the process's
     * resources. Call once per started exec, after its output was read.
     *
     * @param r the exec
     * @param p its process
     * @return the exit code
     */
    public int finish(ExecRecord r, ExecProcess p) {
        int code;
        try {
            code = p.awaitExit();
        } finally {
            p.close();
            deleteSocketLink(r.id());
        }
        r.exited(code);
        containers.find(r.containerId()).ifPresent(c -> events.publish(c.record(), "exec_die",
                Map.of("execID", r.id(), "exitCode", Integer.toString(code))));
        LOG.debug("exec {} exited with {}", r.id(), code);
        return code;
    }

    /**
     * Monitors a detached exec on a thread of its own until it exits.
     *
     * @param r the exec
     * @param p its process
     */
    public void finishInBackground(ExecRecord r, ExecProcess p) {
        monitors.execute(() -> {
            try {
                finish(r, p);
            } catch (RuntimeException e) {
                LOG.error("monitoring exec {} failed", r.id(), e);
            }
        });
    }

    /**
     * Publishes {@code exec_detach} (the client typed the detach keys; the process goes on).
     *
     * @param r the exec
     */
    public void detached(ExecRecord r) {
        containers.find(r.containerId()).ifPresent(c -> events.publish(c.record(), "exec_detach",
                Map.of("execID", r.id())));
    }

    /**
     * {@code POST /exec/{id}/resize}: waits up to 10 s for the process to start (as dockerd does), then sets
     * its terminal size.
     *
     * @param id the exec ID
     * @param height rows
     * @param width columns
     * @throws NotFoundException / ConflictException as {@link #accept}
     * @throws InternalException "timeout waiting for exec session ready"
     */
    public void resize(String id, int height, int width) {
        ExecRecord r = accept(id);
        long deadline = System.currentTimeMillis() + RESIZE_WAIT_MILLIS;
        while (r.process() == null && !r.finished()) {
            if (System.currentTimeMillis() > deadline) {
                throw new InternalException("timeout waiting for exec session ready");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        ExecProcess p = r.process();
        if (p != null && r.config().tty()) {
            p.resize(height, width);
        }
    }

    /**
     * {@code GET /exec/{id}/json}.
     *
     * @param id the exec ID
     * @return the exec
     * @throws NotFoundException "No such exec instance: <id>" (also when its container was removed)
     */
    public ExecRecord inspect(String id) {
        ExecRecord r = execs.get(id);
        if (containers.find(r.containerId()).isEmpty()) {
            throw new NotFoundException("No such exec instance: " + id);
        }
        return r;
    }

    /** @return every exec kept (tests, clean-up) */
    public List<ExecRecord> all() {
        return execs.all();
    }

    private RuntimeException failed(ExecRecord r, RuntimeException e) {
        r.exited(126);
        deleteSocketLink(r.id());
        LOG.debug("exec {} failed to start: {}", r.id(), e.getMessage());
        return e;
    }

    private void deleteSocketLink(String execId) {
        try {
            Files.deleteIfExists(config.socketDir().resolve(execId));
        } catch (IOException e) {
            LOG.debug("cannot delete the attach link of exec {}: {}", execId, e.toString());
        }
    }

    private static void checkActive(ContainerRecord cr, String ref) {
        if ("paused".equals(cr.state().status())) {
            throw new ConflictException("Container " + ref + " is paused, unpause the container before exec");
        }
        if (cr.state().isRestarting()) {
            throw new ConflictException("Container " + cr.id() + " is restarting, wait until the container is running");
        }
        if (!cr.state().isRunning()) {
            throw new ConflictException("Container " + cr.id() + " is not running");
        }
    }
}
