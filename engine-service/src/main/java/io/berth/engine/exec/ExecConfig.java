package io.berth.engine.exec;

import java.util.List;

/**
 * An exec instance's settings as dockerd 20.10 keeps them ({@code daemon/exec.Config} filled by
 * {@code ContainerExecCreate}): the command split into entrypoint and arguments, the environment already
 * merged with the container's, the user and working directory defaulted from the container's config.
 *
 * @param entrypoint the first word of Cmd
 * @param arguments the rest of Cmd (empty, never null)
 * @param env the process's whole environment ("KEY=value")
 * @param user the User to resolve in the container ("" = root)
 * @param workingDir the working directory ("" = "/")
 * @param privileged every capability
 * @param tty a pseudo-terminal
 * @param openStdin AttachStdin
 * @param openStdout AttachStdout
 * @param openStderr AttachStderr
 * @param detachKeys the parsed DetachKeys (empty: none given)
 */
public record ExecConfig(String entrypoint, List<String> arguments, List<String> env, String user,
                         String workingDir, boolean privileged, boolean tty, boolean openStdin, boolean openStdout,
                         boolean openStderr, byte[] detachKeys) {
    /** Copies the lists. */
    public ExecConfig {
        arguments = List.copyOf(arguments);
        env = List.copyOf(env);
        detachKeys = detachKeys.clone();
    }

    /** @return entrypoint and arguments, the process's argv */
    public List<String> argv() {
        List<String> a = new java.util.ArrayList<>();
        a.add(entrypoint);
        a.addAll(arguments);
        return a;
    }

    /** @return the command as dockerd names it in events: entrypoint, a space, the arguments joined by spaces */
    public String commandLine() {
        return entrypoint + " " + String.join(" ", arguments);
    }
}
