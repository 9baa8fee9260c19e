package io.berth.engine.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.errors.InternalException;
import io.berth.common.fs.AtomicFiles;
import io.berth.common.json.Json;
import io.berth.engine.config.Bundle;
import io.berth.engine.runtime.Capabilities;
import io.berth.engine.runtime.ExecUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the OCI process an exec runs ({@code runc exec --process <file>}, OCI runtime spec config.md
 * "process"), as dockerd 20.10 builds it in {@code ContainerExecStart}: the container's own process from its
 * bundle's config.json (capabilities, rlimits, apparmor, noNewPrivileges...), with the exec's args, env and
 * cwd ("/" when empty), {@code terminal} for a TTY, the exec's user when it names one, and for a privileged
 * exec every capability in the bounding, effective, permitted and inheritable sets.
 */
public final class ExecProcessSpec {
    private ExecProcessSpec() {
    }

    /**
     * @param bundle the running container's bundle
     * @param config the exec
     * @param user the exec's resolved user, or null to keep the container's
     * @param target where to write the process JSON
     * @throws InternalException if the container's config.json cannot be read or the file written
     */
    public static void write(Bundle bundle, ExecConfig config, ExecUser user, Path target) {
        ObjectNode p;
        try {
            JsonNode spec = Json.MAPPER.readTree(Files.readAllBytes(bundle.configJson()));
            p = spec.path("process").isObject() ? (ObjectNode) spec.get("process").deepCopy()
                    : Json.MAPPER.createObjectNode();
        } catch (IOException e) {
            throw new InternalException("cannot read the runtime spec of the container: " + e.getMessage(), e);
        }
        apply(p, config, user);
        try {
            AtomicFiles.writeUnsynced(target, Json.MAPPER.writeValueAsBytes(p));
        } catch (IOException e) {
            throw new InternalException("cannot write the exec's process spec: " + e.getMessage(), e);
        }
    }

    /**
     * @param p the container's process (changed in place)
     * @param config the exec
     * @param user the exec's resolved user, or null to keep the container's
     */
    static void apply(ObjectNode p, ExecConfig config, ExecUser user) {
        p.put("terminal", config.tty());
        ArrayNode args = p.putArray("args");
        config.argv().forEach(args::add);
        ArrayNode env = p.putArray("env");
        config.env().forEach(env::add);
        p.put("cwd", config.workingDir().isEmpty() ? "/" : config.workingDir());
        p.remove("consoleSize");
        if (user != null) {
            ObjectNode u = p.putObject("user");
            u.put("uid", user.uid());
            u.put("gid", user.gid());
            if (!user.additionalGids().isEmpty()) {
                ArrayNode gids = u.putArray("additionalGids");
                user.additionalGids().forEach(gids::add);
            }
        }
        if (config.privileged()) {
            ObjectNode caps = p.putObject("capabilities");
            List<String> all = Capabilities.all();
            for (String set : List.of("bounding", "effective", "permitted", "inheritable")) {
                ArrayNode a = caps.putArray(set);
                all.forEach(a::add);
            }
        }
    }
}
