package io.berth.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InternalException;
import io.berth.common.json.Json;
import io.berth.engine.config.EngineConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * runc's command line, one method per subcommand with an options record each (like containerd's
 * go-runc), always with berth's private {@code --root <exec-root>/runc} so berth never sees or touches
 * another engine's containers. {@code create} is conmon's job ({@link ConmonLauncher}).
 */
@Singleton
public class RuncClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern MSG = Pattern.compile("msg=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /**
     * Options of {@code runc kill}.
     *
     * @param all send the signal to every process of the container ({@code --all})
     */
    public record KillOptions(boolean all) {
    }

    /**
     * Options of {@code runc delete}.
     *
     * @param force kill the container first if it is still running ({@code --force})
     */
    public record DeleteOptions(boolean force) {
    }

    private final EngineConfig config;
    private final CommandRunner runner;

    /**
     * @param config the runc binary and exec root
     * @param runner runs the commands
     */
    @Inject
    public RuncClient(EngineConfig config, CommandRunner runner) {
        this.config = config;
        this.runner = runner;
    }

    /**
     * {@code runc state <id>}. runc keeps a container's state in {@code <runc root>/<id>/state.json} from
     * {@code runc create} until {@code runc delete}; without that directory runc can only answer "container does
     * not exist", so no runc process is started then (that spares one runc run, 10-40 ms here, on every start and
     * every removal, which ask first whether stale runc state must be deleted).
     *
     * @param id container ID
     * @return its state, or empty if runc does not know it
     */
    public Optional<RuncState> state(String id) {
        if (!Files.isDirectory(config.runcRoot().resolve(id))) {
            return Optional.empty();
        }
        CommandResult r = runner.run(argv("state", id), TIMEOUT);
        if (!r.ok()) {
            return Optional.empty();
        }
        try {
            JsonNode n = Json.MAPPER.readTree(r.stdout());
            return Optional.of(new RuncState(n.path("status").asText(""), n.path("pid").asInt(0)));
        } catch (IOException e) {
            throw new InternalException("runc state printed invalid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * {@code runc start <id>}: runs the user process of a created container.
     *
     * @param id container ID
     * @throws InternalException with runc's message on failure
     */
    public void start(String id) {
        check(runner.run(argv("start", id), TIMEOUT), "start");
    }

    /**
     * {@code runc kill [--all] <id> <signal>}.
     *
     * @param id container ID
     * @param signal signal number
     * @param opts options
     * @throws InternalException with runc's message on failure (e.g. "container not running")
     */
    public void kill(String id, int signal, KillOptions opts) {
        List<String> args = new ArrayList<>(List.of("kill"));
        if (opts.all()) {
            args.add("--all");
        }
        args.add(id);
        args.add(Integer.toString(signal));
        check(runner.run(argv(args.toArray(String[]::new)), TIMEOUT), "kill");
    }

    /**
     * {@code runc delete [--force] <id>}: removes runc's state (and the container's cgroup).
     *
     * @param id container ID
     * @param opts options
     * @throws InternalException with runc's message on failure
     */
    public void delete(String id, DeleteOptions opts) {
        List<String> args = new ArrayList<>(List.of("delete"));
        if (opts.force()) {
            args.add("--force");
        }
        args.add(id);
        check(runner.run(argv(args.toArray(String[]::new)), TIMEOUT), "delete");
    }

    /**
     * {@code runc pause <id>}: freezes every process of the container (freezer cgroup).
     *
     * @param id container ID
     * @throws InternalException with runc's message on failure
     */
    public void pause(String id) {
        check(runner.run(argv("pause", id), TIMEOUT), "pause");
    }

    /**
     * {@code runc resume <id>}: thaws a paused container.
     *
     * @param id container ID
     * @throws InternalException with runc's message on failure
     */
    public void resume(String id) {
        check(runner.run(argv("resume", id), TIMEOUT), "resume");
    }

    /**
     * {@code runc update --resources <file> <id>}: writes new cgroup limits of a running container.
     *
     * @param id container ID
     * @param resources a file holding the OCI runtime spec's {@code linux.resources} object (runtime spec
     *     config-linux.md "Control groups")
     * @throws InternalException with runc's message on failure (e.g. the kernel's "device or resource busy"
     *     for a memory limit below the current usage)
     */
    public void update(String id, java.nio.file.Path resources) {
        check(runner.run(argv("update", "--resources", resources.toString(), id), TIMEOUT), "update");
    }

    /**
     * {@code runc ps --format json <id>}: the host PIDs of every process in the container's cgroup.
     *
     * @param id container ID
     * @return the PIDs, in runc's order
     * @throws InternalException with runc's message on failure
     */
    public List<Integer> pids(String id) {
        CommandResult r = runner.run(argv("ps", "--format", "json", id), TIMEOUT);
        check(r, "ps");
        try {
            List<Integer> out = new ArrayList<>();
            for (JsonNode n : Json.MAPPER.readTree(r.stdout())) {
                out.add(n.asInt());
            }
            return out;
        } catch (IOException e) {
            throw new InternalException("runc ps printed invalid JSON: " + e.getMessage(), e);
        }
    }

    private List<String> argv(String... args) {
        List<String> argv = new ArrayList<>(List.of(config.runc().toString(), "--root", config.runcRoot().toString()));
        argv.addAll(List.of(args));
        return argv;
    }

    private static void check(CommandResult r, String what) {
        if (!r.ok()) {
            throw new InternalException("runc " + what + " failed: " + message(r.stderr()));
        }
    }

    /**
     * @param stderr runc's stderr (logrus lines like {@code time=".." level=error msg="..."})
     * @return the last msg="..." value, or the trimmed text
     */
    public static String message(String stderr) {
        Matcher m = MSG.matcher(stderr);
        String last = null;
        while (m.find()) {
            last = m.group(1).replace("\\\"", "\"");
        }
        return last != null ? last : stderr.trim();
    }
}
