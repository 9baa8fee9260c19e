package io.berth.gateway.types.exec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.berth.proto.engine.v1.InspectExecResponse;
import java.util.List;

/**
 * The body of Docker Engine API 1.41 {@code GET /exec/{id}/json}, in dockerd 20.10's shape (moby
 * api/types/backend {@code ExecInspect}): {@code ExitCode} null until the process exited, {@code DetachKeys}
 * the key bytes in base64 (Go's []byte; {@code ""} when none were given), {@code Pid} 0 before start.
 *
 * @param id ID
 * @param running Running
 * @param exitCode ExitCode, null while none
 * @param processConfig ProcessConfig
 * @param openStdin OpenStdin
 * @param openStderr OpenStderr
 * @param openStdout OpenStdout
 * @param canRemove CanRemove
 * @param containerId ContainerID
 * @param detachKeys DetachKeys
 * @param pid Pid
 */
@JsonPropertyOrder({"ID", "Running", "ExitCode", "ProcessConfig", "OpenStdin", "OpenStderr", "OpenStdout",
        "CanRemove", "ContainerID", "DetachKeys", "Pid"})
public record ExecInspect(
        @JsonProperty("ID") String id,
        @JsonProperty("Running") boolean running,
        @JsonProperty("ExitCode") @JsonInclude(JsonInclude.Include.ALWAYS) Integer exitCode,
        @JsonProperty("ProcessConfig") ProcessConfig processConfig,
        @JsonProperty("OpenStdin") boolean openStdin,
        @JsonProperty("OpenStderr") boolean openStderr,
        @JsonProperty("OpenStdout") boolean openStdout,
        @JsonProperty("CanRemove") boolean canRemove,
        @JsonProperty("ContainerID") String containerId,
        @JsonProperty("DetachKeys") byte[] detachKeys,
        @JsonProperty("Pid") int pid) {

    /**
     * moby's {@code ExecProcessConfig}: lower-case names, {@code user} left out when empty.
     *
     * @param tty tty
     * @param entrypoint entrypoint
     * @param arguments arguments
     * @param privileged privileged
     * @param user user
     */
    @JsonPropertyOrder({"tty", "entrypoint", "arguments", "privileged", "user"})
    public record ProcessConfig(
            @JsonProperty("tty") boolean tty,
            @JsonProperty("entrypoint") String entrypoint,
            @JsonProperty("arguments") List<String> arguments,
            @JsonProperty("privileged") boolean privileged,
            @JsonProperty("user") @JsonInclude(JsonInclude.Include.NON_EMPTY) String user) {
    }

    /**
     * @param r the engine's answer
     * @return the API body
     */
    public static ExecInspect of(InspectExecResponse r) {
        return new ExecInspect(r.getId(), r.getRunning(), r.hasExitCode() ? r.getExitCode() : null,
                new ProcessConfig(r.getTty(), r.getEntrypoint(), List.copyOf(r.getArgumentsList()),
                        r.getPrivileged(), r.getUser()),
                r.getOpenStdin(), r.getOpenStderr(), r.getOpenStdout(), r.getCanRemove(), r.getContainerId(),
                r.getDetachKeys().toByteArray(), r.getPid());
    }
}
