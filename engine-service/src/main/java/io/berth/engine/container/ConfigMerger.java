package io.berth.engine.container;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.image.ImageConfig;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.Healthcheck;
import io.berth.proto.types.v1.StringList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Merges a create request's config with the image's defaults, as dockerd does (moby daemon/create.go
 * {@code merge} and {@code getEntrypointAndArgs}):
 * <ul>
 *   <li>Entrypoint unset: the image's entrypoint, and the image's Cmd unless the request has one.</li>
 *   <li>Entrypoint set: the request's (empty or {@code [""]} = none); the image's Cmd is ignored, only the
 *       request's Cmd counts.</li>
 *   <li>Env: the request's entries, then the image's whose keys the request does not set; then
 *       {@code PATH=}{@value #DEFAULT_PATH} when no PATH is set.</li>
 *   <li>User, WorkingDir, StopSignal: the request's, else the image's. Labels, ExposedPorts, Volumes:
 *       union, the request wins. Hostname: the request's, else the first 12 digits of the ID.</li>
 *   <li>Path and Args: entrypoint + cmd; nothing at all is "No command specified" (400).</li>
 * </ul>
 */
public final class ConfigMerger {
    /** The PATH dockerd puts in a container whose image and request set none (moby oci.DefaultPathEnv). */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /**
     * The merged result.
     *
     * @param config the config as inspect shows it
     * @param path the executable
     * @param args its arguments
     */
    public record Merged(ContainerConfig config, String path, List<String> args) {
    }

    private static final ImageConfig.Config EMPTY_IMAGE = new ImageConfig.Config(null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null);

    private ConfigMerger() {
    }

    /**
     * @param req the request's config
     * @param image the image's defaults
     * @param containerId the new container's ID (for the default hostname)
     * @return the merged config, path and args
     * @throws InvalidArgumentException "No command specified", or a relative working directory
     */
    public static Merged merge(ContainerConfig req, ImageConfig image, String containerId) {
        return mergeWithHostname(req, image, ContainerIds.shortId(containerId));
    }

    /**
     * @param req the request's config
     * @param image the image's defaults
     * @param defaultHostname the hostname when the request has none (dockerd: the short ID, or the host's
     *     hostname for NetworkMode "host")
     * @return the merged config, path and args
     * @throws InvalidArgumentException "No command specified", or a relative working directory
     */
    public static Merged mergeWithHostname(ContainerConfig req, ImageConfig image, String defaultHostname) {
        ImageConfig.Config img = image.config() == null ? EMPTY_IMAGE : image.config();
        List<String> reqCmd = req.hasCmd() ? req.getCmd().getValuesList() : null;
        List<String> entrypoint;
        List<String> cmd;
        if (!req.hasEntrypoint()) {
            entrypoint = orEmpty(img.entrypoint());
            cmd = isEmpty(reqCmd) ? orEmpty(img.cmd()) : reqCmd;
        } else {
            List<String> reqEntrypoint = req.getEntrypoint().getValuesList();
            entrypoint = isBlankList(reqEntrypoint) ? List.of() : reqEntrypoint;
            cmd = orEmpty(reqCmd);
        }
        List<String> argv = new ArrayList<>(entrypoint);
        argv.addAll(cmd);
        if (argv.isEmpty() || argv.get(0).isEmpty()) {
            throw new InvalidArgumentException("No command specified");
        }
        String workingDir = req.getWorkingDir().isEmpty() ? orEmpty(img.workingDir()) : req.getWorkingDir();
        if (!workingDir.isEmpty() && !workingDir.startsWith("/")) {
            throw new InvalidArgumentException("the working directory '" + workingDir
                    + "' is invalid, it needs to be an absolute path");
        }
        ContainerConfig.Builder merged = req.toBuilder()
                .setHostname(req.getHostname().isEmpty() ? defaultHostname : req.getHostname())
                .setUser(req.getUser().isEmpty() ? orEmpty(img.user()) : req.getUser())
                .clearEnv().addAllEnv(mergeEnv(req.getEnvList(), orEmpty(img.env())))
                .clearCmd().clearEntrypoint()
                .setWorkingDir(workingDir)
                .clearLabels().putAllLabels(mergeLabels(img.labels(), req.getLabelsMap()))
                .setStopSignal(req.getStopSignal().isEmpty() ? orEmpty(img.stopSignal()) : req.getStopSignal())
                .clearExposedPorts().addAllExposedPorts(union(keys(img.exposedPorts()), req.getExposedPortsList()))
                .clearVolumes().addAllVolumes(union(keys(img.volumes()), req.getVolumesList()));
        Healthcheck health = mergeHealthcheck(req.hasHealthcheck() ? req.getHealthcheck() : null,
                healthcheck(img.healthcheck()));
        if (health != null) {
            merged.setHealthcheck(health);
        } else {
            merged.clearHealthcheck();
        }
        if (!cmd.isEmpty()) {
            merged.setCmd(StringList.newBuilder().addAllValues(cmd));
        }
        if (!entrypoint.isEmpty()) {
            merged.setEntrypoint(StringList.newBuilder().addAllValues(entrypoint));
        }
        return new Merged(merged.build(), argv.get(0), List.copyOf(argv.subList(1, argv.size())));
    }

    /**
     * The request's healthcheck, its unset parts from the image's (moby daemon/commit.go {@code merge}).
     *
     * @param request the request's (null: the image's as is)
     * @param image the image's (null: none)
     * @return the merged healthcheck, null if neither has one
     */
    static Healthcheck mergeHealthcheck(Healthcheck request, Healthcheck image) {
        if (request == null || image == null) {
            return request == null ? image : request;
        }
        Healthcheck.Builder b = request.toBuilder();
        if (request.getTestCount() == 0) {
            b.addAllTest(image.getTestList());
        }
        if (request.getIntervalNanos() == 0) {
            b.setIntervalNanos(image.getIntervalNanos());
        }
        if (request.getTimeoutNanos() == 0) {
            b.setTimeoutNanos(image.getTimeoutNanos());
        }
        if (request.getStartPeriodNanos() == 0) {
            b.setStartPeriodNanos(image.getStartPeriodNanos());
        }
        if (request.getRetries() == 0) {
            b.setRetries(image.getRetries());
        }
        return b.build();
    }

    /**
     * @param json the image config's Healthcheck ({"Test": [...], "Interval": ns, "Timeout": ns,
     *     "StartPeriod": ns, "Retries": n}), or null
     * @return it as the engine's message, null if absent or without a Test
     */
    static Healthcheck healthcheck(JsonNode json) {
        if (json == null || !json.isObject() || !json.path("Test").isArray() || json.path("Test").isEmpty()) {
            return null;
        }
        Healthcheck.Builder b = Healthcheck.newBuilder();
        json.path("Test").forEach(t -> b.addTest(t.asText()));
        return b.setIntervalNanos(json.path("Interval").asLong()).setTimeoutNanos(json.path("Timeout").asLong())
                .setStartPeriodNanos(json.path("StartPeriod").asLong()).setRetries(json.path("Retries").asInt())
                .build();
    }

    /**
     * @param requestEnv the request's "KEY=value" entries
     * @param imageEnv the image's
     * @return the request's entries, then the image's with other keys, then PATH if none is set
     */
    static List<String> mergeEnv(List<String> requestEnv, List<String> imageEnv) {
        List<String> out = new ArrayList<>(requestEnv);
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        requestEnv.forEach(e -> keys.add(key(e)));
        for (String e : imageEnv) {
            if (keys.add(key(e))) {
                out.add(e);
            }
        }
        if (!keys.contains("PATH")) {
            out.add("PATH=" + DEFAULT_PATH);
        }
        return out;
    }

    private static String key(String envEntry) {
        int eq = envEntry.indexOf('=');
        return eq < 0 ? envEntry : envEntry.substring(0, eq);
    }

    private static Map<String, String> mergeLabels(Map<String, String> image, Map<String, String> req) {
        Map<String, String> out = image == null ? new LinkedHashMap<>() : new LinkedHashMap<>(image);
        out.putAll(req);
        return out;
    }

    private static List<String> union(List<String> a, List<String> b) {
        LinkedHashSet<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }

    private static boolean isEmpty(List<String> l) {
        return l == null || l.isEmpty();
    }

    private static boolean isBlankList(List<String> l) {
        return l.isEmpty() || (l.size() == 1 && l.get(0).isEmpty());
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static List<String> keys(Map<String, Object> m) {
        return m == null ? List.of() : List.copyOf(m.keySet());
    }
}
