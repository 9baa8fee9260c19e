package io.berth.daemon;

import java.nio.file.Path;

/**
 * dockerd's TLS flags as berthd takes them and hands them to the gateway (which serves the TCP {@code -H}
 * addresses with them; unix sockets never use TLS).
 *
 * @param tls {@code --tls} (implied by {@code --tlsverify})
 * @param verify {@code --tlsverify}: clients need a certificate signed by {@code caCert}
 * @param caCert {@code --tlscacert} (default {@code $DOCKER_CERT_PATH/ca.pem}, else {@code ~/.docker/ca.pem})
 * @param cert {@code --tlscert} (default {@code .../cert.pem})
 * @param key {@code --tlskey} (default {@code .../key.pem})
 */
public record TlsFlags(boolean tls, boolean verify, Path caCert, Path cert, Path key) {
    /** No TLS; the default files. */
    public static final TlsFlags OFF = new TlsFlags(false, false, null, null, null);

    /**
     * @param env where {@code DOCKER_CERT_PATH} is read (System.getenv in production)
     * @param home the user's home directory
     * @return dockerd's default certificate directory
     */
    public static Path defaultCertDir(java.util.Map<String, String> env, Path home) {
        String p = env.get("DOCKER_CERT_PATH");
        return p != null && !p.isEmpty() ? Path.of(p) : home.resolve(".docker");
    }

    /** @return the gateway's flags for these settings (none when TLS is off) */
    public java.util.List<String> gatewayArgs() {
        if (!tls && !verify) {
            return java.util.List.of();
        }
        java.util.List<String> a = new java.util.ArrayList<>();
        a.add(verify ? "--tlsverify" : "--tls");
        a.addAll(java.util.List.of("--tlscacert", caCert.toString(), "--tlscert", cert.toString(),
                "--tlskey", key.toString()));
        return a;
    }
}
