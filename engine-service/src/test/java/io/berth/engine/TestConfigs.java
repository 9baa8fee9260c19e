package io.berth.engine;

import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.HostConfig;
import io.berth.proto.types.v1.StringList;
import java.util.List;
import java.util.Map;

/** Short ways for tests to build the berth.engine.v1 ContainerConfig and HostConfig parts they need. */
public final class TestConfigs {
    private TestConfigs() {
    }

    /**
     * @param image the image reference
     * @param cmd the command, or null for the image's
     * @return a config with the image and the command, stdout and stderr attached, all else default
     */
    public static ContainerConfig config(String image, List<String> cmd) {
        return config("", "", "", false, true, true, false, false, false, List.of(), cmd, image, "", null, Map.of(),
                "", null, List.of(), List.of(), false);
    }

    /**
     * Every field by position, in Docker's order of ContainerConfig; null {@code cmd}, {@code entrypoint} or
     * {@code stopTimeout} stay unset.
     *
     * @return the config
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public static ContainerConfig config(String hostname, String domainname, String user, boolean attachStdin,
                                         boolean attachStdout, boolean attachStderr, boolean tty, boolean openStdin,
                                         boolean stdinOnce, List<String> env, List<String> cmd, String image,
                                         String workingDir, List<String> entrypoint, Map<String, String> labels,
                                         String stopSignal, Integer stopTimeout, List<String> exposedPorts,
                                         List<String> volumes, boolean networkDisabled) {
        ContainerConfig.Builder b = ContainerConfig.newBuilder().setHostname(hostname).setDomainname(domainname)
                .setUser(user).setAttachStdin(attachStdin).setAttachStdout(attachStdout)
                .setAttachStderr(attachStderr).setTty(tty).setOpenStdin(openStdin).setStdinOnce(stdinOnce)
                .addAllEnv(env).setImage(image).setWorkingDir(workingDir).putAllLabels(labels)
                .setStopSignal(stopSignal).addAllExposedPorts(exposedPorts).addAllVolumes(volumes)
                .setNetworkDisabled(networkDisabled);
        if (cmd != null) {
            b.setCmd(StringList.newBuilder().addAllValues(cmd));
        }
        if (entrypoint != null) {
            b.setEntrypoint(StringList.newBuilder().addAllValues(entrypoint));
        }
        if (stopTimeout != null) {
            b.setStopTimeout(stopTimeout);
        }
        return b.build();
    }

    /** @return Config.Cmd, or null if unset */
    public static List<String> cmd(ContainerConfig c) {
        return c.hasCmd() ? c.getCmd().getValuesList() : null;
    }

    /** @return Config.Entrypoint, or null if unset */
    public static List<String> entrypoint(ContainerConfig c) {
        return c.hasEntrypoint() ? c.getEntrypoint().getValuesList() : null;
    }

    /** @return one HostConfig.Mounts entry */
    public static HostConfig.Mount mount(String type, String source, String target, boolean readOnly,
                                         String propagation, boolean nonRecursive, long tmpfsSizeBytes,
                                         int tmpfsMode) {
        return HostConfig.Mount.newBuilder().setType(type).setSource(source).setTarget(target).setReadOnly(readOnly)
                .setPropagation(propagation).setNonRecursive(nonRecursive).setTmpfsSizeBytes(tmpfsSizeBytes)
                .setTmpfsMode(tmpfsMode).build();
    }

    /** @return one HostConfig.Ulimits entry */
    public static HostConfig.Ulimit ulimit(String name, long soft, long hard) {
        return HostConfig.Ulimit.newBuilder().setName(name).setSoft(soft).setHard(hard).build();
    }
}
