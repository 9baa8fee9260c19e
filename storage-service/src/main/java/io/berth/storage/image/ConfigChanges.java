package io.berth.storage.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Applies {@code docker commit --change} / {@code docker import --change} instructions to an image's
 * {@code config} object (Docker container-config names), as dockerd 20.10's {@code BuildFromConfig}
 * (moby builder/dockerfile) does for the commands it allows there: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL,
 * ONBUILD, USER, VOLUME, WORKDIR, STOPSIGNAL, HEALTHCHECK. Any other instruction is refused with dockerd's
 * 400 "&lt;cmd&gt; is not a valid change command". Variables ({@code $X}, {@code ${X:-d}}) are expanded from the
 * config's Env as it is at that instruction (the image's and the container's, plus earlier ENV changes of the same
 * list) in ENV, LABEL, EXPOSE, USER, WORKDIR, VOLUME and STOPSIGNAL, the instructions whose moby command supports
 * single-word expansion (builder/dockerfile evaluator.go, {@code SupportsSingleWordExpansion}); CMD, ENTRYPOINT,
 * ONBUILD and HEALTHCHECK keep them literally ({@link DockerfileWords}).
 *
 * <p>Semantics kept from the builder: a shell-form CMD/ENTRYPOINT becomes {@code ["/bin/sh","-c",text]};
 * ENTRYPOINT clears Cmd unless a CMD came earlier in the same list; ENV replaces a variable of the same
 * name in place; EXPOSE adds {@code /tcp} when no protocol is given and expands ranges; a relative WORKDIR
 * is joined to the current one; HEALTHCHECK NONE is {@code {"Test":["NONE"]}}, and its options are Go
 * durations stored in nanoseconds.
 */
final class ConfigChanges {
    private static final Set<String> ONBUILD_FORBIDDEN = Set.of("ONBUILD", "FROM", "MAINTAINER");
    private static final int MAX_CHANGE_CHARS = 64 * 1024;

    private final ObjectNode config;
    private final JsonNode baseEnv;
    private boolean cmdSet;

    private ConfigChanges(ObjectNode config, JsonNode baseEnv) {
        this.config = config;
        this.baseEnv = baseEnv;
    }

    /**
     * Applies the changes in order.
     *
     * @param config the {@code config} object, changed in place
     * @param changes one instruction per entry ("CMD ["sh"]"); blank entries are skipped
     * @throws InvalidArgumentException for an unknown instruction or malformed arguments
     */
    static void apply(ObjectNode config, List<String> changes) {
        apply(config, changes, null);
    }

    /**
     * Applies the changes in order, expanding variables the config's Env does not set from {@code baseEnv}
     * (commit: the container's Env, which dockerd's BuildFromConfig sees since it starts from the container's
     * config when the request has none).
     *
     * @param config the {@code config} object, changed in place
     * @param changes one instruction per entry
     * @param baseEnv an Env array ("K=V" strings) consulted after the config's, or null
     * @throws InvalidArgumentException for an unknown instruction or malformed arguments
     */
    static void apply(ObjectNode config, List<String> changes, JsonNode baseEnv) {
        ConfigChanges c = new ConfigChanges(config, baseEnv);
        for (String change : changes) {
            c.applyOne(change);
        }
    }

    private void applyOne(String change) {
        if (change.length() > MAX_CHANGE_CHARS) {
            throw new InvalidArgumentException("change is longer than " + MAX_CHANGE_CHARS + " characters");
        }
        String line = change.strip();
        if (line.isEmpty()) {
            return;
        }
        int sp = firstSpace(line);
        String cmd = (sp < 0 ? line : line.substring(0, sp)).toLowerCase(Locale.ROOT);
        String args = sp < 0 ? "" : line.substring(sp).strip();
        switch (cmd) {
            case "cmd" -> {
                config.set("Cmd", command(args, "CMD"));
                cmdSet = true;
            }
            case "entrypoint" -> {
                config.set("Entrypoint", command(args, "ENTRYPOINT"));
                if (!cmdSet) {
                    config.putNull("Cmd");
                }
            }
            case "env" -> env(args);
            case "expose" -> expose(args);
            case "label" -> label(args);
            case "onbuild" -> onbuild(args);
            case "user" -> config.put("User", expand(required(args, "USER")));
            case "volume" -> volume(args);
            case "workdir" -> config.put("WorkingDir", workdir(expand(required(args, "WORKDIR"))));
            case "stopsignal" -> config.put("StopSignal", expand(required(args, "STOPSIGNAL")));
            case "healthcheck" -> config.set("Healthcheck", healthcheck(args));
            default -> throw new InvalidArgumentException(cmd + " is not a valid change command");
        }
    }

    private static int firstSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** @return a variable's value in the config's Env now, or null if it has none */
    private String envValue(String name) {
        String v = lookup(config.get("Env"), name);
        return v != null ? v : lookup(baseEnv, name);
    }

    private static String lookup(JsonNode env, String name) {
        if (env instanceof ArrayNode a) {
            for (JsonNode e : a) {
                String v = e.asText();
                if (v.startsWith(name + "=")) {
                    return v.substring(name.length() + 1);
                }
            }
        }
        return null;
    }

    /** One argument with quotes removed and variables expanded (moby's {@code ProcessWord}). */
    private String expand(String arg) {
        return DockerfileWords.word(arg, this::envValue);
    }

    private static String required(String args, String cmd) {
        if (args.isEmpty()) {
            throw new InvalidArgumentException(cmd + " requires exactly one argument");
        }
        return args;
    }

    /** The JSON (exec) form if {@code args} is a JSON array of strings, else the shell form. */
    private static ArrayNode command(String args, String cmd) {
        List<String> json = jsonArray(args);
        ArrayNode out = Json.MAPPER.createArrayNode();
        if (json != null) {
            json.forEach(out::add);
        } else {
            if (args.isEmpty()) {
                throw new InvalidArgumentException(cmd + " requires at least one argument");
            }
            out.add("/bin/sh").add("-c").add(args);
        }
        return out;
    }

    /** @return the strings of a JSON array of strings, or {@code null} if {@code args} is not one */
    private static List<String> jsonArray(String args) {
        if (!args.startsWith("[")) {
            return null;
        }
        try {
            JsonNode n = Json.MAPPER.readTree(args);
            if (n == null || !n.isArray()) {
                return null;
            }
            List<String> out = new ArrayList<>();
            for (JsonNode e : n) {
                if (!e.isTextual()) {
                    return null;
                }
                out.add(e.asText());
            }
            return out;
        } catch (IOException e) {
            return null;
        }
    }

    private void env(String args) {
        for (String[] kv : pairs(args, "ENV", this::envValue)) {
            ArrayNode env = config.get("Env") instanceof ArrayNode a ? a : config.putArray("Env");
            String entry = kv[0] + "=" + kv[1];
            boolean replaced = false;
            for (int i = 0; i < env.size(); i++) {
                String old = env.get(i).asText();
                if (old.equals(kv[0]) || old.startsWith(kv[0] + "=")) {
                    env.set(i, entry);
                    replaced = true;
                    break;
                }
            }
            if (!replaced) {
                env.add(entry);
            }
        }
    }

    private void label(String args) {
        ObjectNode labels = config.get("Labels") instanceof ObjectNode o ? o : config.putObject("Labels");
        for (String[] kv : pairs(args, "LABEL", this::envValue)) {
            labels.put(kv[0], kv[1]);
        }
    }

    /**
     * {@code k=v k2="v 2"} pairs, or the legacy {@code k value with spaces} form (one pair), as the
     * Dockerfile parser's {@code parseNameVal}.
     */
    private static List<String[]> pairs(String args, String cmd, java.util.function.UnaryOperator<String> env) {
        List<String> words = DockerfileWords.split(args, env);
        if (words.isEmpty()) {
            throw new InvalidArgumentException(cmd + " requires at least one argument");
        }
        List<String[]> out = new ArrayList<>();
        if (!words.get(0).contains("=")) {
            // Legacy form: the first raw word is the name, the rest of the line the value.
            String name = words.get(0);
            int sp = firstSpace(args);
            if (sp < 0) {
                throw new InvalidArgumentException(cmd + " must have two arguments");
            }
            out.add(new String[] {name, DockerfileWords.word(args.substring(sp).strip(), env)});
            return out;
        }
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw new InvalidArgumentException("Syntax error - can't find = in \"" + w
                        + "\". Must be of the form: name=value");
            }
            out.add(new String[] {w.substring(0, eq), w.substring(eq + 1)});
        }
        return out;
    }

    private void expose(String args) {
        List<String> words = DockerfileWords.split(args, this::envValue);
        if (words.isEmpty()) {
            throw new InvalidArgumentException("EXPOSE requires at least one argument");
        }
        ObjectNode ports = config.get("ExposedPorts") instanceof ObjectNode o ? o : config.putObject("ExposedPorts");
        for (String w : words) {
            String[] pp = w.split("/", 2);
            String proto = pp.length == 2 ? pp[1].toLowerCase(Locale.ROOT) : "tcp";
            if (!Set.of("tcp", "udp", "sctp").contains(proto)) {
                throw new InvalidArgumentException("invalid proto: " + proto);
            }
            String[] range = pp[0].split("-", 2);
            int lo = port(range[0], w);
            int hi = range.length == 2 ? port(range[1], w) : lo;
            if (hi < lo) {
                throw new InvalidArgumentException("invalid range specified for container port: " + w);
            }
            for (int p = lo; p <= hi; p++) {
                ports.putObject(p + "/" + proto);
            }
        }
    }

    private static int port(String s, String word) {
        try {
            int p = Integer.parseInt(s);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("invalid containerPort: " + word);
        }
    }

    private void onbuild(String args) {
        String trigger = required(args, "ONBUILD");
        int sp = firstSpace(trigger);
        String inner = (sp < 0 ? trigger : trigger.substring(0, sp)).toUpperCase(Locale.ROOT);
        if (ONBUILD_FORBIDDEN.contains(inner)) {
            throw new InvalidArgumentException(inner + " isn't allowed as an ONBUILD trigger");
        }
        ArrayNode on = config.get("OnBuild") instanceof ArrayNode a ? a : config.putArray("OnBuild");
        on.add(inner + (sp < 0 ? "" : trigger.substring(sp)));
    }

    private void volume(String args) {
        List<String> paths = jsonArray(args);
        if (paths == null) {
            paths = DockerfileWords.split(args, this::envValue);
        } else {
            paths = paths.stream().map(this::expand).toList();
        }
        if (paths.isEmpty()) {
            throw new InvalidArgumentException("VOLUME requires at least one argument");
        }
        ObjectNode vols = config.get("Volumes") instanceof ObjectNode o ? o : config.putObject("Volumes");
        for (String p : paths) {
            if (p.isBlank()) {
                throw new InvalidArgumentException("VOLUME specified can not be an empty string");
            }
            vols.putObject(p.strip());
        }
    }

    private String workdir(String dir) {
        String current = config.path("WorkingDir").asText("");
        String joined = dir.startsWith("/") ? dir : (current.isEmpty() ? "/" : current) + "/" + dir;
        return cleanPath(joined);
    }

    /** Go's {@code path.Clean} for an absolute path. */
    static String cleanPath(String p) {
        List<String> parts = new ArrayList<>();
        for (String s : p.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(s);
            }
        }
        return "/" + String.join("/", parts);
    }

    private static ObjectNode healthcheck(String args) {
        ObjectNode hc = Json.MAPPER.createObjectNode();
        String rest = args;
        if (rest.equalsIgnoreCase("NONE")) {
            hc.putArray("Test").add("NONE");
            return hc;
        }
        while (rest.startsWith("--")) {
            int sp = firstSpace(rest);
            String flag = sp < 0 ? rest : rest.substring(0, sp);
            rest = sp < 0 ? "" : rest.substring(sp).strip();
            int eq = flag.indexOf('=');
            if (eq < 0) {
                throw new InvalidArgumentException("HEALTHCHECK flag " + flag + " needs a value (--flag=value)");
            }
            String name = flag.substring(2, eq);
            String value = flag.substring(eq + 1);
            switch (name) {
                case "interval" -> hc.put("Interval", GoDuration.parseNanos(value, "--interval"));
                case "timeout" -> hc.put("Timeout", GoDuration.parseNanos(value, "--timeout"));
                case "start-period" -> hc.put("StartPeriod", GoDuration.parseNanos(value, "--start-period"));
                case "retries" -> hc.put("Retries", retries(value));
                default -> throw new InvalidArgumentException("Unknown flag: " + name);
            }
        }
        int sp = firstSpace(rest);
        String type = (sp < 0 ? rest : rest.substring(0, sp)).toUpperCase(Locale.ROOT);
        if (!type.equals("CMD")) {
            throw new InvalidArgumentException("Unknown type \"" + type + "\" in HEALTHCHECK (try CMD)");
        }
        String cmd = sp < 0 ? "" : rest.substring(sp).strip();
        List<String> json = jsonArray(cmd);
        ArrayNode test = Json.MAPPER.createArrayNode();
        if (json != null) {
            test.add("CMD");
            json.forEach(test::add);
        } else {
            if (cmd.isEmpty()) {
                throw new InvalidArgumentException("Missing command after HEALTHCHECK CMD");
            }
            test.add("CMD-SHELL").add(cmd);
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("Test", test);
        out.setAll(hc);
        return out;
    }

    private static int retries(String value) {
        try {
            int r = Integer.parseInt(value);
            if (r < 1) {
                throw new InvalidArgumentException("--retries must be at least 1 (not " + r + ")");
            }
            return r;
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("invalid --retries value " + value);
        }
    }
}
