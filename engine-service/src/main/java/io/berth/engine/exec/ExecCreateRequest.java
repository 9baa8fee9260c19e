package io.berth.engine.exec;

import java.util.List;

/**
 * What a client asks for in {@code POST /containers/{id}/exec} (Docker's ExecConfig, Engine API 1.41).
 *
 * @param cmd the command (must not be empty)
 * @param env "KEY=value" entries added to the container's environment
 * @param user "" (the container's), "name", "uid", "uid:gid", "name:group"
 * @param workingDir "" (the container's)
 * @param privileged every capability
 * @param tty a pseudo-terminal
 * @param attachStdin AttachStdin
 * @param attachStdout AttachStdout
 * @param attachStderr AttachStderr
 * @param detachKeys "ctrl-p,ctrl-q" style, "" for the default
 */
public record ExecCreateRequest(List<String> cmd, List<String> env, String user, String workingDir,
                                boolean privileged, boolean tty, boolean attachStdin, boolean attachStdout,
                                boolean attachStderr, String detachKeys) {
    /** Copies the lists. */
    public ExecCreateRequest {
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
    }
}
