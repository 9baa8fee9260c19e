package io.berth.gateway.tls;

import io.berth.common.errors.InvalidArgumentException;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Builds the server {@link SslContext} of the TCP listeners from {@link TlsSettings}, with the protocol versions
 * and cipher suites of dockerd's {@code tlsconfig.ServerDefault} (go-connections): TLS 1.2 and 1.3 only; for
 * 1.2 only ECDHE key exchange with AES-GCM or ChaCha20-Poly1305. The JDK's TLS implementation
 * (OpenSSL through netty-tcnative is not on the class path).
 */
public final class TlsContexts {
    /** The protocol versions offered. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** The cipher suites offered, strongest first (JDK names). */
    public static final List<String> CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsContexts() {
    }

    /**
     * @param tls the settings; {@code enabled} must be true
     * @return the server context
     * @throws InvalidArgumentException naming the file when a certificate, key or CA cannot be read (dockerd:
     *     "could not load X509 key pair: open /x: no such file or directory")
     */
    public static SslContext server(TlsSettings tls) {
        requireFile(tls.cert(), "could not load X509 key pair");
        requireFile(tls.key(), "could not load X509 key pair");
        try {
            SslContextBuilder b = SslContextBuilder.forServer(tls.cert().toFile(), tls.key().toFile())
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .ciphers(CIPHERS);
            if (tls.verify()) {
                requireFile(tls.caCert(), "could not read CA certificate");
                b.trustManager(tls.caCert().toFile()).clientAuth(ClientAuth.REQUIRE);
            } else {
                b.clientAuth(ClientAuth.NONE);
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new InvalidArgumentException("could not load the TLS configuration (" + tls.cert() + ", "
                    + tls.key() + (tls.verify() ? ", " + tls.caCert() : "") + "): " + rootMessage(e), e);
        }
    }

    private static void requireFile(Path p, String what) {
        if (p == null) {
            throw new InvalidArgumentException(what + ": no file given");
        }
        if (!Files.isReadable(p)) {
            throw new InvalidArgumentException(what + ": open " + p + ": no such file or directory");
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
