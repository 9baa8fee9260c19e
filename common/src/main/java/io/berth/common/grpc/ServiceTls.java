package io.berth.common.grpc;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Mutual TLS between berth's services across hosts (issue 13, "Between the services"): every side has its
 * own certificate and key and trusts one CA; a server requires a client certificate signed by it
 * (TLS 1.3/1.2 through Netty's SslHandler with the JDK provider), and, if {@code allowedPeers} is not empty,
 * one whose subject CN or a DNS/IP subject alternative name is in the list; anything else is refused at the
 * handshake (no or a foreign certificate) or with PERMISSION_DENIED (a name not allowed). A client checks the
 * server's certificate against the CA and the host it dials.
 *
 * <p>Set per process with the system properties {@value #CA_PROPERTY}, {@value #CERT_PROPERTY},
 * {@value #KEY_PROPERTY} (PEM files) and {@value #PEERS_PROPERTY} (comma-separated names), which berthd sets
 * from {@code --service-tlscacert}, {@code --service-tlscert}, {@code --service-tlskey} and
 * {@code --service-tls-peer}.
 *
 * @param caCert the CA certificate (PEM)
 * @param cert this side's certificate (PEM)
 * @param key this side's private key (PEM, PKCS#8 or PKCS#1)
 * @param allowedPeers names a server accepts in client certificates; empty: any certificate of the CA
 */
public record ServiceTls(Path caCert, Path cert, Path key, List<String> allowedPeers) {
    private static final Logger LOG = LogManager.getLogger(ServiceTls.class);
    /** System property: the CA certificate. */
    public static final String CA_PROPERTY = "berth.service.tlscacert";
    /** System property: this process's certificate. */
    public static final String CERT_PROPERTY = "berth.service.tlscert";
    /** System property: this process's key. */
    public static final String KEY_PROPERTY = "berth.service.tlskey";
    /** System property: the allowed peer names, comma-separated. */
    public static final String PEERS_PROPERTY = "berth.service.tlspeers";
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** @return the settings from the system properties, or null if {@value #CA_PROPERTY} is not set */
    public static ServiceTls fromSystemProperties() {
        String ca = System.getProperty(CA_PROPERTY);
        if (ca == null || ca.isBlank()) {
            return null;
        }
        String cert = System.getProperty(CERT_PROPERTY);
        String key = System.getProperty(KEY_PROPERTY);
        if (cert == null || key == null) {
            throw new IllegalArgumentException(CA_PROPERTY + " needs " + CERT_PROPERTY + " and " + KEY_PROPERTY);
        }
        String peers = System.getProperty(PEERS_PROPERTY, "");
        return new ServiceTls(Path.of(ca), Path.of(cert), Path.of(key),
                Arrays.stream(peers.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    private void requireFiles() {
        for (Path p : List.of(caCert, cert, key)) {
            if (!Files.isReadable(p)) {
                throw new IllegalArgumentException("cannot read TLS file " + p);
            }
        }
    }

    /** @return the server context: own certificate, client certificates of the CA required */
    public SslContext serverContext() {
        requireFiles();
        try {
            return GrpcSslContexts.configure(io.netty.handler.ssl.SslContextBuilder.forServer(cert.toFile(),
                            key.toFile()), SslProvider.JDK)
                    .trustManager(caCert.toFile()).clientAuth(ClientAuth.REQUIRE).protocols(PROTOCOLS).build();
        } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot load the service TLS files (" + cert + ", " + key + ", "
                    + caCert + "): " + e.getMessage(), e);
        }
    }

    /** @return the client context: own certificate, the server's checked against the CA */
    public SslContext clientContext() {
        requireFiles();
        try {
            return GrpcSslContexts.configure(io.netty.handler.ssl.SslContextBuilder.forClient(), SslProvider.JDK)
                    .trustManager(caCert.toFile()).keyManager(cert.toFile(), key.toFile()).protocols(PROTOCOLS)
                    .build();
        } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot load the service TLS files (" + cert + ", " + key + ", "
                    + caCert + "): " + e.getMessage(), e);
        }
    }

    /** @return the server interceptor enforcing {@link #allowedPeers} (passes everything when it is empty) */
    public ServerInterceptor peerNameCheck() {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                if (allowedPeers.isEmpty()) {
                    return next.startCall(call, headers);
                }
                List<String> names = peerNames(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
                if (names.stream().anyMatch(allowedPeers::contains)) {
                    return next.startCall(call, headers);
                }
                LOG.warn("refused {} from a peer named {}", call.getMethodDescriptor().getFullMethodName(), names);
                call.close(Status.PERMISSION_DENIED.withDescription("permission denied: peer " + names
                        + " is not an allowed berth service"), new Metadata());
                return new ServerCall.Listener<>() { };
            }
        };
    }

    /**
     * @param session a TLS session (may be null)
     * @return the peer certificate's subject CN and DNS/IP subject alternative names
     */
    static List<String> peerNames(SSLSession session) {
        List<String> names = new ArrayList<>();
        if (session == null) {
            return names;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate x)) {
                return names;
            }
            for (Rdn rdn : new LdapName(x.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    names.add(String.valueOf(rdn.getValue()));
                }
            }
            Collection<List<?>> sans = x.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == 2 || type == 7) { // dNSName, iPAddress
                        names.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (SSLPeerUnverifiedException | InvalidNameException | CertificateParsingException e) {
            LOG.debug("no peer names: {}", e.toString());
        }
        return names;
    }
}
