package io.berth.gateway.types.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of POST /auth (API 1.41 {@code registry.AuthenticateOKBody}).
 *
 * @param status {@code Login Succeeded}
 * @param identityToken a token the registry issued, omitted when empty (Go's omitempty)
 */
public record AuthResponse(@JsonProperty("Status") String status,
                           @JsonProperty("IdentityToken") @JsonInclude(JsonInclude.Include.NON_EMPTY) String identityToken) {
}
