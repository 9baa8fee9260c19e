package io.berth.gateway.types.exec;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.proto.engine.v1.ExecConfig;
import java.util.List;

/**
 * The body of Docker Engine API 1.41 {@code POST /containers/{id}/exec} (swagger ExecConfig), bound with
 * dockerd's tolerance (null and missing mean the zero value). Detach and ConsoleSize are ignored as dockerd
 * 20.10 ignores them at create.
 *
 * @param attachStdin AttachStdin
 * @param attachStdout AttachStdout
 * @param attachStderr AttachStderr
 * @param detachKeys DetachKeys ("ctrl-p,ctrl-q")
 * @param tty Tty
 * @param env Env: "KEY=value"
 * @param cmd Cmd: an array or a single string
 * @param privileged Privileged
 * @param user User
 * @param workingDir WorkingDir
 */
public record ExecCreateRequest(
        @JsonProperty("AttachStdin") boolean attachStdin,
        @JsonProperty("AttachStdout") boolean attachStdout,
        @JsonProperty("AttachStderr") boolean attachStderr,
        @JsonProperty("DetachKeys") String detachKeys,
        @JsonProperty("Tty") boolean tty,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("Cmd") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> cmd,
        @JsonProperty("Privileged") boolean privileged,
        @JsonProperty("User") String user,
        @JsonProperty("WorkingDir") String workingDir) {

    /** @return the engine's ExecConfig */
    public ExecConfig toProto() {
        return ExecConfig.newBuilder()
                .addAllCmd(cmd == null ? List.of() : cmd)
                .addAllEnv(env == null ? List.of() : env)
                .setUser(user == null ? "" : user)
                .setWorkingDir(workingDir == null ? "" : workingDir)
                .setPrivileged(privileged).setTty(tty)
                .setAttachStdin(attachStdin).setAttachStdout(attachStdout).setAttachStderr(attachStderr)
                .setDetachKeys(detachKeys == null ? "" : detachKeys)
                .build();
    }
}
