package io.berth.daemon;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One running service JVM: its process. The service's Log4j writes each line both to its log file
 * ({@code <exec-root>/logs/<service>.log}, mode 0600) and to its standard error, which is berthd's (inherited), so
 * berthd's terminal or journal shows every service's lines, each naming its service; berthd only writes a header
 * line into the log file before each launch. Output that does not pass through Log4j (the JVM's own warnings, a
 * crash report) reaches berthd's standard error only.
 */
public final class ServiceProcess {
    private static final Logger LOG = LogManager.getLogger(ServiceProcess.class);

    private final ServiceKind kind;
    private final Process process;
    private final Path logFile;

    private ServiceProcess(ServiceKind kind, Process process, Path logFile) {
        this.kind = kind;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code command} with berthd's stdout and stderr, after appending a header line to {@code logFile}
     * (created 0600 if missing).
     *
     * @param kind which service
     * @param command the full command line
     * @param logFile the service's log
     * @return the started process
     * @throws IOException if the log cannot be opened or the process cannot be started
     */
    public static ServiceProcess launch(ServiceKind kind, List<String> command, Path logFile) throws IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        if (!Files.exists(logFile)) {
            Files.createFile(logFile, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        }
        try (Writer w = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            w.write("==== " + Instant.now() + " berthd starts " + kind.processName() + ": "
                    + String.join(" ", command) + System.lineSeparator());
        }
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        LOG.info("started {} (pid {}), log {}", kind.processName(), p.pid(), logFile);
        return new ServiceProcess(kind, p, logFile);
    }

    /** @return which service */
    public ServiceKind kind() {
        return kind;
    }

    /** @return the process id */
    public long pid() {
        return process.pid();
    }

    /** @return the log file */
    public Path logFile() {
        return logFile;
    }

    /** @return true while the process runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** @return the exit status (only once not alive) */
    public int exitValue() {
        return process.exitValue();
    }

    /** @return completes when the process exits */
    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /**
     * Stops the service: SIGTERM, up to {@code grace} to exit, then SIGKILL.
     *
     * @param grace how long to wait after SIGTERM
     * @return the exit status
     */
    public int stop(Duration grace) {
        if (process.isAlive()) {
            LOG.info("stopping {} (pid {})", kind.processName(), process.pid());
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("{} (pid {}) did not exit within {} s of SIGTERM; sending SIGKILL", kind.processName(),
                            process.pid(), grace.toSeconds());
                    process.destroyForcibly();
                    process.waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        return process.isAlive() ? -1 : process.exitValue();
    }
}
