package io.berth.gateway.types.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.common.json.Json;
import io.berth.proto.storage.v1.RegistryAuth;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Docker's {@code types.AuthConfig} (API 1.41): the JSON of POST /auth and, base64url-encoded, of the
 * {@code X-Registry-Auth} header of pull, push and GET /distribution.
 *
 * @param username user name
 * @param password password
 * @param auth base64 of {@code user:password} (used when username is empty, as the CLI's config file has it)
 * @param email ignored (deprecated in Docker)
 * @param serverAddress the registry, e.g. {@code 127.0.0.1:5000}
 * @param identityToken an OAuth2 refresh token
 * @param registryToken a bearer token for the registry
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuthConfig(@JsonProperty("username") String username, @JsonProperty("password") String password,
                         @JsonProperty("auth") String auth, @JsonProperty("email") String email,
                         @JsonProperty("serveraddress") String serverAddress,
                         @JsonProperty("identitytoken") String identityToken,
                         @JsonProperty("registrytoken") String registryToken) {

    /**
     * Decodes an {@code X-Registry-Auth} header as dockerd 20.10 does: base64url (padding optional) of the
     * JSON; a header that does not decode means no credentials (dockerd ignores it too).
     *
     * @param header the header, or null
     * @return the credentials (empty when absent or malformed)
     */
    public static RegistryAuth fromHeader(String header) {
        if (header == null || header.isBlank()) {
            return RegistryAuth.getDefaultInstance();
        }
        try {
            String h = header.trim().replace('+', '-').replace('/', '_');
            byte[] json = Base64.getUrlDecoder().decode(h.replace("=", ""));
            AuthConfig a = Json.MAPPER.readValue(json, AuthConfig.class);
            // JSON null decodes to no object: no credentials, as dockerd (was a 500 NullPointerException, FuzzIT)
            return a == null ? RegistryAuth.getDefaultInstance() : a.toProto();
        } catch (java.io.IOException | IllegalArgumentException e) {
            return RegistryAuth.getDefaultInstance();
        }
    }

    /**
     * Decodes a request body holding an AuthConfig ({@code POST /auth}, or a push without X-Registry-Auth) as
     * dockerd's {@code json.NewDecoder(r.Body).Decode(authConfig)}, with Go's error texts: "EOF" for an empty body,
     * encoding/json's syntax errors ({@link Json#parse}), "json: cannot unmarshal array into Go value of type
     * types.AuthConfig", "json: cannot unmarshal number into Go struct field AuthConfig.username of type string".
     *
     * @param body the request body
     * @return the credentials
     * @throws io.berth.common.errors.InvalidArgumentException with Go's text (the caller adds dockerd's prefix)
     */
    public static AuthConfig fromBody(byte[] body) {
        com.fasterxml.jackson.databind.JsonNode n = Json.parse(body);
        if (n.isNull() || n.isMissingNode()) {
            throw new io.berth.common.errors.InvalidArgumentException("EOF");
        }
        if (!n.isObject()) {
            throw new io.berth.common.errors.InvalidArgumentException("json: cannot unmarshal " + goKind(n)
                    + " into Go value of type types.AuthConfig");
        }
        try {
            return Json.MAPPER.treeToValue(n, AuthConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                    ? m.getPath().get(0).getFieldName() : null;
            com.fasterxml.jackson.databind.JsonNode v = field == null ? null : n.get(field);
            throw new io.berth.common.errors.InvalidArgumentException("json: cannot unmarshal "
                    + (v == null ? "value" : goKind(v)) + " into Go struct field AuthConfig."
                    + (field == null ? "" : field) + " of type string");
        }
    }

    /** Go's name of a JSON value's kind in encoding/json's UnmarshalTypeError. */
    private static String goKind(com.fasterxml.jackson.databind.JsonNode v) {
        return v.isNumber() ? "number" : v.isBoolean() ? "bool" : v.isArray() ? "array" : v.isObject() ? "object"
                : "string";
    }

    /** @return the proto form, with {@code auth} split into user and password when username is empty */
    public RegistryAuth toProto() {
        String user = username;
        String pass = password;
        if ((user == null || user.isEmpty()) && auth != null && !auth.isEmpty()) {
            try {
                String plain = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
                int colon = plain.indexOf(':');
                if (colon > 0) {
                    user = plain.substring(0, colon);
                    pass = plain.substring(colon + 1);
                }
            } catch (IllegalArgumentException ignored) {
                // not base64: no credentials from it
            }
        }
        return RegistryAuth.newBuilder().setUsername(nz(user)).setPassword(nz(pass))
                .setServerAddress(nz(serverAddress)).setIdentityToken(nz(identityToken))
                .setRegistryToken(nz(registryToken)).build();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
