package io.berth.gateway.tls;

import java.nio.file.Path;

/**
 * dockerd's TLS flags for the TCP listeners ({@code --tls}, {@code --tlsverify}, {@code --tlscacert},
 * {@code --tlscert}, {@code --tlskey}); unix sockets never use TLS, as with dockerd.
 *
 * @param enabled {@code --tls} or {@code --tlsverify}: the TCP listeners speak TLS only
 * @param verify {@code --tlsverify}: a client must present a certificate signed by {@code caCert}
 *     (mutual TLS); refused at the handshake otherwise
 * @param caCert PEM file of the CA that signs client certificates (used with {@code verify})
 * @param cert PEM file of the server's certificate chain
 * @param key PEM file of the server's private key (PKCS#8, or PKCS#1 RSA / SEC1 EC as openssl writes them)
 */
public record TlsSettings(boolean enabled, boolean verify, Path caCert, Path cert, Path key) {
    /** No TLS. */
    public static final TlsSettings OFF = new TlsSettings(false, false, null, null, null);
}
