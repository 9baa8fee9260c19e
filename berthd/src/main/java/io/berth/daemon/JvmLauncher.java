package io.berth.daemon;

import io.berth.common.logging.BerthLog4jProvider;
import io.berth.daemon.cds.CdsArchive;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command line of a service JVM: the same java binary and class path as berthd, modest heap
 * and JIT flags for a quick start (measured: monitor ready in ~0.85 s instead of ~1.35 s), logging
 * properties, berthd's pid for the service's {@code ParentWatchdog}, then the main class and its flags.
 * The command starts with {@code setsid} (when present) so that a Ctrl-C in berthd's terminal reaches
 * berthd only, which then stops the services in order.
 *
 * @param javaBinary the java executable
 * @param classPath the class path (berthd's own: {@code berthd/target/lib/*})
 * @param parentPid berthd's pid
 * @param setsid the setsid executable, or null to launch without it
 * @param cds the class-data sharing archive of the class path, or null for none
 * @param cdsCurrent whether {@code cds} is current (then the JVMs map it; else they record their class lists)
 */
public record JvmLauncher(String javaBinary, String classPath, long parentPid, Path setsid, CdsArchive cds,
                          boolean cdsCurrent) {
    /**
     * JVM flags every service gets, each measured (README "Notes for the next engineer"): the serial GC and
     * C1 only, for start-up over peak throughput; an 8 MiB initial heap that grows on demand (-16 MiB PSS over
     * four services against -Xms32m: the pages of an unused heap are not touched); Netty's unpooled allocator
     * (-17 MiB: the pooled and adaptive allocators keep arenas per event-loop thread, sized for servers far
     * busier than a daemon).
     */
    public static final List<String> JVM_FLAGS = List.of("-Xms8m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Dio.netty.allocator.type=unpooled");

    /**
     * A launcher without class-data sharing.
     *
     * @param javaBinary the java executable
     * @param classPath the class path
     * @param parentPid berthd's pid
     * @param setsid the setsid executable, or null to launch without it
     */
    public JvmLauncher(String javaBinary, String classPath, long parentPid, Path setsid) {
        this(javaBinary, classPath, parentPid, setsid, null, false);
    }

    /** Environment variable with extra JVM flags for every service, space-separated, after berthd's own (so they win). */
    public static final String EXTRA_FLAGS_ENV = "BERTH_SERVICE_JAVA_OPTS";

    /**
     * @param value the value of {@link #EXTRA_FLAGS_ENV}, or null
     * @return its flags (split at whitespace), none if null or blank
     */
    static List<String> extraFlags(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    /**
     * @return a launcher for this JVM: its java binary, class path and pid, /usr/bin/setsid if present, and the
     *     class path's CDS archive (checked for currency now)
     */
    public static JvmLauncher current() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path setsid = Path.of("/usr/bin/setsid");
        String cp = compactClassPath(System.getProperty("java.class.path"));
        CdsArchive cds = CdsArchive.forClassPath(cp).orElse(null);
        return new JvmLauncher(java, cp, ProcessHandle.current().pid(), Files.isExecutable(setsid) ? setsid : null,
                cds, cds != null && cds.isCurrent());
    }

    /**
     * Turns the launcher-expanded form of {@code -cp "lib/*"} back into {@code lib/*}, so that the services'
     * command lines stay readable in ps and in the logs.
     *
     * @param classPath a class path
     * @return {@code <dir>/*} if it lists only jars of one directory, else {@code classPath} unchanged
     */
    static String compactClassPath(String classPath) {
        String[] entries = classPath.split(File.pathSeparator);
        Path dir = null;
        for (String e : entries) {
            Path p = Path.of(e).toAbsolutePath();
            if (!e.endsWith(".jar") || p.getParent() == null || (dir != null && !dir.equals(p.getParent()))) {
                return classPath;
            }
            dir = p.getParent();
        }
        return dir == null ? classPath : dir + File.separator + "*";
    }

    /**
     * @param service which service
     * @param config berthd's settings
     * @return the full command line
     */
    public List<String> command(ServiceKind service, DaemonConfig config) {
        return command(service.mainClass(), service, config);
    }

    /**
     * @param mainClass the main class to run (tests substitute fakes)
     * @param service which service's flags to pass
     * @param config berthd's settings
     * @return the full command line
     */
    public List<String> command(String mainClass, ServiceKind service, DaemonConfig config) {
        List<String> cmd = new ArrayList<>();
        if (setsid != null) {
            cmd.add(setsid.toString());
        }
        cmd.add(javaBinary);
        cmd.addAll(JVM_FLAGS);
        if (cds != null) {
            cmd.addAll(cds.jvmFlags(cdsCurrent, service.processName(), parentPid));
        }
        cmd.addAll(extraFlags(System.getenv(EXTRA_FLAGS_ENV)));
        cmd.add("-Dberth.parent.pid=" + parentPid);
        cmd.addAll(config.links().jvmProperties());
        cmd.add("-Dberth.service=" + service.processName());
        cmd.add("-D" + io.berth.common.settings.SettingsReload.PROPERTY + "=" + config.settingsFile());
        cmd.add("-Dlog4j2.shutdownHookEnabled=false");
        // Log4j configured in code (common's logging/BerthLogConfiguration, no configuration search or XML parse:
        // about 0.15 s of CPU less per JVM at start): lines naming the service on berthd's standard error and in
        // <exec-root>/logs/<service>.log.
        cmd.addAll(BerthLog4jProvider.PROPERTIES);
        cmd.add("-Dberth.log.file=" + config.logFile(service));
        cmd.add("-Djava.util.logging.manager=org.apache.logging.log4j.jul.LogManager");
        if (config.debug()) {
            cmd.add("-Dberth.log.level=DEBUG");
        }
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
        cmd.addAll(service.args(config));
        return cmd;
    }
}
