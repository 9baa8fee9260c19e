package io.berth.engine.network.cni;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InternalException;
import io.berth.common.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs one CNI plugin executable as the CNI spec 1.0.0 says a runtime does (SPEC.md "Section 2: Execution
 * Protocol"): the parameters in the environment ({@code CNI_COMMAND}, {@code CNI_CONTAINERID},
 * {@code CNI_NETNS}, {@code CNI_IFNAME}, {@code CNI_PATH}), the plugin's configuration as JSON on stdin, the
 * result as JSON on stdout, and an error as exit status non-zero with {@code {"code": n, "msg": "...",
 * "details": "..."}} on stdout.
 */
public class CniPluginRunner {
    /** How long one plugin may run (host-local waits on its directory lock, iptables on xtables' lock). */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The well-known code a plugin returns for a container that does not exist (CNI spec "Error"). */
    public static final int CODE_UNKNOWN_CONTAINER = 3;

    private final Path pluginDir;

    /** @param pluginDir the plugins' directory, also CNI_PATH (Debian's: {@code /usr/lib/cni}) */
    public CniPluginRunner(Path pluginDir) {
        this.pluginDir = pluginDir;
    }

    /** @return the plugins' directory */
    public Path pluginDir() {
        return pluginDir;
    }

    /**
     * One plugin call.
     *
     * @param command "ADD", "DEL", "CHECK" or "VERSION"
     * @param type the plugin's type (its executable's name in the plugin directory), e.g. "bridge"
     * @param containerId CNI_CONTAINERID
     * @param netns CNI_NETNS (a path; may name a file that is gone for DEL)
     * @param ifName CNI_IFNAME
     * @param config the plugin's configuration (written to stdin)
     * @return the plugin's stdout as JSON (an empty object for a DEL that printed nothing)
     * @throws CniException when the plugin exits non-zero (with its error code and message)
     * @throws InternalException when it cannot be run, times out or prints something that is not JSON
     */
    public JsonNode run(String command, String type, String containerId, String netns, String ifName,
                        JsonNode config) {
        Path exe = pluginDir.resolve(type);
        if (type.contains("/") || !Files.isExecutable(exe)) {
            throw new InternalException("CNI plugin " + type + " not found in " + pluginDir
                    + " (install Debian's containernetworking-plugins)");
        }
        ProcessBuilder pb = new ProcessBuilder(exe.toString());
        Map<String, String> env = pb.environment();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", containerId);
        env.put("CNI_NETNS", netns);
        env.put("CNI_IFNAME", ifName);
        env.put("CNI_PATH", pluginDir.toString());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new InternalException("cannot run CNI plugin " + exe + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write(Json.MAPPER.writeValueAsBytes(config));
        } catch (IOException e) {
            // the plugin may exit before reading all of it; its exit status tells
        }
        try {
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new InternalException("CNI plugin " + type + " " + command + " timed out after "
                        + TIMEOUT.toSeconds() + " s");
            }
            String stdout = out.get();
            if (p.exitValue() != 0) {
                throw CniException.of(type, command, p.exitValue(), stdout, err.get());
            }
            if (stdout.isBlank()) {
                return Json.MAPPER.createObjectNode();
            }
            return Json.MAPPER.readTree(stdout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new InternalException("interrupted while running CNI plugin " + type, e);
        } catch (ExecutionException | IOException e) {
            throw new InternalException("cannot read the output of CNI plugin " + type + " " + command + ": "
                    + e.getMessage(), e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
