package io.berth.engine.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * An exec's environment as dockerd 20.10 builds it ({@code container.CreateDaemonEnvironment} then
 * {@code ReplaceOrAppendEnvValues}): PATH and HOSTNAME, TERM=xterm for an exec with a TTY, each replaced by
 * the container's own entries (the others appended), then the exec's entries replacing or appended the
 * same way. An entry without "=" in the exec's list removes that variable.
 */
public final class ExecEnv {
    /** dockerd's default PATH on Linux. */
    static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private ExecEnv() {
    }

    /**
     * @param hostname the container's hostname
     * @param containerEnv the container's Config.Env
     * @param tty whether the exec has a TTY
     * @param execEnv the exec's Env
     * @return the process's environment
     */
    public static List<String> of(String hostname, List<String> containerEnv, boolean tty, List<String> execEnv) {
        List<String> env = new ArrayList<>(List.of(DEFAULT_PATH, "HOSTNAME=" + hostname));
        if (tty) {
            env.add("TERM=xterm");
        }
        replaceOrAppend(env, containerEnv);
        replaceOrAppend(env, execEnv);
        return env;
    }

    private static void replaceOrAppend(List<String> env, List<String> overrides) {
        for (String e : overrides) {
            int eq = e.indexOf('=');
            String key = eq >= 0 ? e.substring(0, eq) : e;
            boolean found = false;
            for (int i = 0; i < env.size(); i++) {
                if (keyOf(env.get(i)).equals(key)) {
                    if (eq < 0) {
                        env.remove(i--);
                    } else {
                        env.set(i, e);
                    }
                    found = true;
                }
            }
            if (!found && eq >= 0) {
                env.add(e);
            }
        }
    }

    private static String keyOf(String entry) {
        int eq = entry.indexOf('=');
        return eq >= 0 ? entry.substring(0, eq) : entry;
    }
}
