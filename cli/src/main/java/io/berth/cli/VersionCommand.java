package io.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.json.Json;
import io.berth.common.net.HostAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code berth version}: prints the client's version, then the server's from {@code GET /version} (Docker
 * Engine API 1.41, "Get version"), laid out as {@code docker version} does. Exits 1 with "Cannot connect to
 * the berth daemon at ..." when the daemon does not answer, or with dockerd's "Error response from daemon:"
 * when it answers with an error.
 */
@Command(name = "version", description = "Show the berth version information")
final class VersionCommand implements Callable<Integer> {
    @ParentCommand
    BerthCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        printClient(out);
        String spec = parent.hostSpec() == null || parent.hostSpec().isBlank() ? HostAddress.DEFAULT
                : parent.hostSpec().trim();
        HostAddress address;
        try {
            address = HostAddress.parse(spec);
        } catch (InvalidArgumentException e) {
            out.flush();
            err.println("berth: invalid DOCKER_HOST " + spec + " (" + e.getMessage() + ")");
            return 1;
        }
        HttpResponse r;
        try {
            r = new DaemonClient(address, Duration.ofSeconds(30)).get("/version");
        } catch (IOException e) {
            out.flush();
            err.println("Cannot connect to the berth daemon at " + address.spec() + ". Is berthd running?");
            return 1;
        }
        out.println();
        try {
            JsonNode v = Json.MAPPER.readTree(r.body());
            if (r.status() != 200) {
                out.flush();
                err.println("Error response from daemon: " + v.path("message").asText(r.bodyText()));
                return 1;
            }
            printServer(out, v);
        } catch (IOException e) {
            out.flush();
            err.println("berth: the daemon at " + address.spec() + " answered " + r.status() + " with: "
                    + r.bodyText());
            return 1;
        }
        out.flush();
        return 0;
    }

    private static void printClient(PrintWriter out) {
        out.println("Client:");
        line(out, 1, "Version:", CliVersion.version());
        line(out, 1, "API version:", DaemonClient.API_VERSION);
        line(out, 1, "Java version:", System.getProperty("java.version"));
        line(out, 1, "OS/Arch:", System.getProperty("os.name").toLowerCase(Locale.ROOT) + "/" + goArch());
        out.flush();
    }

    private static void printServer(PrintWriter out, JsonNode v) {
        String platform = v.path("Platform").path("Name").asText("");
        out.println("Server:" + (platform.isEmpty() ? "" : " " + platform));
        JsonNode components = v.path("Components");
        if (!components.isArray() || components.isEmpty()) {
            printEngine(out, v.path("Version").asText(""), v);
            return;
        }
        for (JsonNode c : components) {
            String name = c.path("Name").asText("");
            if ("Engine".equals(name)) {
                printEngine(out, c.path("Version").asText(""), c.path("Details"));
            } else {
                out.println(" " + name + ":");
                line(out, 2, "Version:", c.path("Version").asText(""));
                for (Iterator<Map.Entry<String, JsonNode>> it = c.path("Details").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> d = it.next();
                    line(out, 2, d.getKey() + ":", d.getValue().asText());
                }
            }
        }
    }

    private static void printEngine(PrintWriter out, String version, JsonNode d) {
        out.println(" Engine:");
        line(out, 2, "Version:", version);
        line(out, 2, "API version:", d.path("ApiVersion").asText("") + " (minimum version "
                + d.path("MinAPIVersion").asText("") + ")");
        optional(out, "Go version:", d.path("GoVersion").asText(""));
        optional(out, "Git commit:", d.path("GitCommit").asText(""));
        optional(out, "Built:", d.path("BuildTime").asText(""));
        line(out, 2, "OS/Arch:", d.path("Os").asText("") + "/" + d.path("Arch").asText(""));
        optional(out, "Kernel version:", d.path("KernelVersion").asText(""));
        if (d.has("Experimental")) {
            line(out, 2, "Experimental:", d.path("Experimental").asText());
        }
    }

    private static void optional(PrintWriter out, String key, String value) {
        if (!value.isEmpty()) {
            line(out, 2, key, value);
        }
    }

    /** docker's layout: the key padded so that values start in column 20. */
    private static void line(PrintWriter out, int indent, String key, String value) {
        out.println(" ".repeat(indent) + String.format("%-" + (20 - indent) + "s", key) + value);
    }

    private static String goArch() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }
}
