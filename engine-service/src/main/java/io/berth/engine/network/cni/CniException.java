package io.berth.engine.network.cni;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InternalException;
import io.berth.common.json.Json;
import java.io.IOException;

/**
 * A CNI plugin's error (CNI spec 1.0.0 "Error": exit status non-zero and {@code {"cniVersion": ..., "code": n,
 * "msg": "...", "details": "..."}} on stdout). Codes 1-99 are the spec's (3 unknown container, 4 invalid
 * environment, 7 invalid network config, 11 try again later), 100+ the plugin's own.
 */
public final class CniException extends InternalException {
    private final int code;
    private final String pluginMessage;

    private CniException(String message, int code, String pluginMessage) {
        super(message);
        this.code = code;
        this.pluginMessage = pluginMessage;
    }

    /**
     * @param type the plugin type
     * @param command its CNI_COMMAND
     * @param exitStatus its exit status
     * @param stdout what it printed (the error JSON, or anything)
     * @param stderr its stderr
     * @return the error, its message {@code "<type> <command>: <msg>[: <details>]"}
     */
    static CniException of(String type, String command, int exitStatus, String stdout, String stderr) {
        int code = 0;
        String msg = null;
        try {
            JsonNode n = Json.MAPPER.readTree(stdout.isBlank() ? "{}" : stdout);
            code = n.path("code").asInt(0);
            msg = n.path("msg").asText("");
            String details = n.path("details").asText("");
            if (!details.isEmpty()) {
                msg = msg + ": " + details;
            }
        } catch (IOException e) {
            msg = null;
        }
        if (msg == null || msg.isEmpty()) {
            String text = (stdout + " " + stderr).trim();
            msg = text.isEmpty() ? "exit status " + exitStatus : text;
        }
        return new CniException("CNI plugin " + type + " " + command + " failed: " + msg, code, msg);
    }

    /** @return the CNI error code (0 if the plugin printed none) */
    public int code() {
        return code;
    }

    /** @return the plugin's own message (with its details) */
    public String pluginMessage() {
        return pluginMessage;
    }
}
