package io.berth.gateway.types.containers;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Docker's container {@code Config} object (Docker Engine API 1.41 swagger ContainerConfig; moby
 * {@code container.Config}) as container inspect and image inspect ({@code Config}, {@code ContainerConfig})
 * show it: dockerd's field order, and Go's encoding rules: a nil slice or map is {@code null}, and the
 * fields tagged {@code omitempty} (ExposedPorts, Healthcheck, ArgsEscaped, NetworkDisabled, MacAddress,
 * StopSignal, StopTimeout, Shell) are left out when unset, which is a null component here.
 *
 * @param hostname Hostname
 * @param domainname Domainname
 * @param user User
 * @param attachStdin AttachStdin
 * @param attachStdout AttachStdout
 * @param attachStderr AttachStderr
 * @param exposedPorts ExposedPorts: "80/tcp" → {} (omitted when null)
 * @param tty Tty
 * @param openStdin OpenStdin
 * @param stdinOnce StdinOnce
 * @param env Env: "KEY=value"
 * @param cmd Cmd
 * @param healthcheck Healthcheck, as in the image config (omitted when null)
 * @param argsEscaped ArgsEscaped (omitted when null)
 * @param image Image
 * @param volumes Volumes: path → {}
 * @param workingDir WorkingDir
 * @param entrypoint Entrypoint
 * @param networkDisabled NetworkDisabled (omitted when null)
 * @param macAddress MacAddress (omitted when null)
 * @param onBuild OnBuild
 * @param labels Labels
 * @param stopSignal StopSignal (omitted when null)
 * @param stopTimeout StopTimeout in seconds (omitted when null)
 * @param shell Shell (omitted when null)
 */
public record ContainerConfig(
        @JsonProperty("Hostname") String hostname,
        @JsonProperty("Domainname") String domainname,
        @JsonProperty("User") String user,
        @JsonProperty("AttachStdin") boolean attachStdin,
        @JsonProperty("AttachStdout") boolean attachStdout,
        @JsonProperty("AttachStderr") boolean attachStderr,
        @JsonProperty("ExposedPorts") @JsonInclude(Include.NON_NULL) Map<String, Object> exposedPorts,
        @JsonProperty("Tty") boolean tty,
        @JsonProperty("OpenStdin") boolean openStdin,
        @JsonProperty("StdinOnce") boolean stdinOnce,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("Cmd") List<String> cmd,
        @JsonProperty("Healthcheck") @JsonInclude(Include.NON_NULL) JsonNode healthcheck,
        @JsonProperty("ArgsEscaped") @JsonInclude(Include.NON_NULL) Boolean argsEscaped,
        @JsonProperty("Image") String image,
        @JsonProperty("Volumes") Map<String, Object> volumes,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("Entrypoint") List<String> entrypoint,
        @JsonProperty("NetworkDisabled") @JsonInclude(Include.NON_NULL) Boolean networkDisabled,
        @JsonProperty("MacAddress") @JsonInclude(Include.NON_NULL) String macAddress,
        @JsonProperty("OnBuild") List<String> onBuild,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("StopSignal") @JsonInclude(Include.NON_NULL) String stopSignal,
        @JsonProperty("StopTimeout") @JsonInclude(Include.NON_NULL) Integer stopTimeout,
        @JsonProperty("Shell") @JsonInclude(Include.NON_NULL) List<String> shell) {
}
