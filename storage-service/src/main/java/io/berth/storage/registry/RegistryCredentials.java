package io.berth.storage.registry;

/**
 * Credentials for one registry: the fields of Docker's AuthConfig that a registry sees
 * (X-Registry-Auth / POST /auth, Docker Engine API 1.41).
 *
 * @param username user name for Basic auth or the token endpoint, or empty
 * @param password its password, or empty
 * @param identityToken an OAuth2 refresh token, or empty (sent to the token endpoint as refresh_token)
 * @param registryToken a bearer token sent as is, or empty
 */
public record RegistryCredentials(String username, String password, String identityToken, String registryToken) {
    /** No credentials. */
    public static final RegistryCredentials NONE = new RegistryCredentials("", "", "", "");

    /** Null fields become empty. */
    public RegistryCredentials {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        identityToken = identityToken == null ? "" : identityToken;
        registryToken = registryToken == null ? "" : registryToken;
    }

    /** @return true if a user name or token was given */
    public boolean present() {
        return !username.isEmpty() || !identityToken.isEmpty() || !registryToken.isEmpty();
    }

    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + "]";
    }
}
