package io.berth.storage.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.BerthException;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.common.errors.PermissionDeniedException;
import io.berth.common.errors.UnauthenticatedException;
import io.berth.common.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a registry's error response into berth's error categories with Docker's texts: the body's
 * {@code {"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}} (distribution spec "Error
 * Codes") is shown as distribution's errcode does, {@code manifest unknown: manifest unknown}; 401 is
 * {@link UnauthenticatedException}, 403 {@link PermissionDeniedException}, 404 {@link NotFoundException},
 * 400 {@link InvalidArgumentException}, anything else {@link InternalException}.
 */
final class RegistryErrors {
    /** At most this much of an error body is read. */
    static final int MAX_ERROR_BODY = 64 * 1024;

    private RegistryErrors() {
    }

    /**
     * @param status the HTTP status
     * @param body up to {@link #MAX_ERROR_BODY} bytes of the response body
     * @param prefix what was being done, e.g. {@code manifest for x:y not found}; null for the default
     * @return the exception to throw
     */
    static BerthException of(int status, byte[] body, String prefix) {
        String detail = detail(status, body);
        String msg = prefix == null ? detail : prefix + ": " + detail;
        return switch (status) {
            case 401 -> new UnauthenticatedException(msg);
            case 403 -> new PermissionDeniedException(msg);
            case 404 -> new NotFoundException(msg);
            case 400 -> new InvalidArgumentException(msg);
            default -> new InternalException(msg);
        };
    }

    private static String detail(int status, byte[] body) {
        List<String> parts = new ArrayList<>();
        try {
            JsonNode errors = Json.parse(body).path("errors");
            for (JsonNode e : errors) {
                String code = e.path("code").asText("").toLowerCase(Locale.ROOT).replace('_', ' ');
                String message = e.path("message").asText("");
                parts.add(code.isEmpty() ? message : code + ": " + message);
                if (parts.size() == 5) {
                    break;
                }
            }
        } catch (RuntimeException notJson) {
            // fall through to the status text
        }
        if (parts.isEmpty()) {
            return "unexpected status from the registry: " + status;
        }
        String joined = String.join(", ", parts);
        return joined.length() > 1024 ? joined.substring(0, 1024) + "..." : joined;
    }
}
