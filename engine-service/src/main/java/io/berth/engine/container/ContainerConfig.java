package io.berth.engine.container;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A container's configuration, Docker's "Config" (Engine API 1.41 ContainerConfig) with Docker's JSON
 * names. In a create request it is what the client asked for; in a {@link ContainerRecord} it is the
 * result of {@link ConfigMerger} (merged with the image config), as inspect shows it.
 *
 * @param cmd {@code null} = unset (take the image's); an empty list = set but empty
 * @param entrypoint {@code null} = unset (take the image's); an empty list or {@code [""]} = no entrypoint
 * @param stopTimeout seconds between the stop signal and SIGKILL; {@code null} = 10
 * @param exposedPorts "80/tcp" style keys
 * @param volumes container paths of anonymous volumes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerConfig(
        @JsonProperty("Hostname") String hostname,
        @JsonProperty("Domainname") String domainname,
        @JsonProperty("User") String user,
        @JsonProperty("AttachStdin") boolean attachStdin,
        @JsonProperty("AttachStdout") boolean attachStdout,
        @JsonProperty("AttachStderr") boolean attachStderr,
        @JsonProperty("Tty") boolean tty,
        @JsonProperty("OpenStdin") boolean openStdin,
        @JsonProperty("StdinOnce") boolean stdinOnce,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("Cmd") List<String> cmd,
        @JsonProperty("Image") String image,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("Entrypoint") List<String> entrypoint,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("StopSignal") String stopSignal,
        @JsonProperty("StopTimeout") Integer stopTimeout,
        @JsonProperty("ExposedPorts") List<String> exposedPorts,
        @JsonProperty("Volumes") List<String> volumes,
        @JsonProperty("NetworkDisabled") boolean networkDisabled) {

    /** Normalizes nulls of the non-optional collections and strings to empty values. */
    public ContainerConfig {
        hostname = orEmpty(hostname);
        domainname = orEmpty(domainname);
        user = orEmpty(user);
        env = env == null ? List.of() : List.copyOf(env);
        cmd = cmd == null ? null : List.copyOf(cmd);
        image = orEmpty(image);
        workingDir = orEmpty(workingDir);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        stopSignal = orEmpty(stopSignal);
        exposedPorts = exposedPorts == null ? List.of() : List.copyOf(exposedPorts);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
    }

    /**
     * @param image the image reference
     * @param cmd the command, or {@code null} for the image's
     * @return a config with only the image and the command set, all else default
     */
    public static ContainerConfig of(String image, List<String> cmd) {
        return new ContainerConfig("", "", "", false, true, true, false, false, false, List.of(), cmd, image,
                "", null, Map.of(), "", null, List.of(), List.of(), false);
    }

    /** @return the stop timeout in seconds (default 10) */
    public int stopTimeoutOrDefault() {
        return stopTimeout == null || stopTimeout < 0 ? 10 : stopTimeout;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
