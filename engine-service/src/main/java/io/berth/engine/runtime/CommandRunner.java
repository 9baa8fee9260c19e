package io.berth.engine.runtime;

import io.berth.common.errors.InternalException;
import io.berth.common.errors.UnavailableException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived command (runc's subcommands) and collects its exit status and output. */
@Singleton
public class CommandRunner {
    /**
     * Runs {@code argv} with stdin from /dev/null and waits for it.
     *
     * @param argv the command and its arguments
     * @param timeout how long to wait before killing it
     * @return its exit status and output
     * @throws UnavailableException if the program cannot be started (e.g. not installed)
     * @throws InternalException if it times out
     */
    public CommandResult run(List<String> argv, Duration timeout) {
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UnavailableException("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new InternalException(String.join(" ", argv) + " timed out after " + timeout.toSeconds() + " s");
            }
            return new CommandResult(p.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new InternalException("interrupted while running " + argv.get(0), e);
        } catch (ExecutionException e) {
            throw new InternalException("cannot read the output of " + argv.get(0), e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
