package io.berth.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificates for the TLS tests, made with openssl the way Docker's "Protect the Docker daemon socket" guide
 * makes them (a CA, a server certificate for localhost/127.0.0.1 with serverAuth, a client certificate with
 * clientAuth), plus the bad ones a TLS daemon must refuse: a client certificate from another CA, one that has
 * expired (signed by the JDK's keytool, which can back-date), and one whose extended key usage is serverAuth
 * only. All files are PEM in {@link #dir}: {@code ca.pem}, {@code server-cert.pem}, {@code server-key.pem},
 * and one directory per client ({@code good/}, {@code other-ca/}, {@code expired/}, {@code server-usage/}),
 * each with {@code ca.pem}, {@code cert.pem}, {@code key.pem} as {@code DOCKER_CERT_PATH} wants them.
 */
final class TestCertificates {
    final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /**
     * @param dir an empty directory
     * @return the certificates, all made
     */
    static TestCertificates make(Path dir) throws IOException, InterruptedException {
        TestCertificates c = new TestCertificates(dir);
        c.ca("ca", "berth-test-ca");
        c.ca("other-ca", "berth-other-ca");
        c.openssl("genrsa", "-out", "server-key.pem", "2048");
        c.openssl("req", "-subj", "/CN=localhost", "-sha256", "-new", "-key", "server-key.pem", "-out", "server.csr");
        Files.writeString(dir.resolve("server-ext.cnf"),
                "subjectAltName = DNS:localhost,IP:127.0.0.1\nextendedKeyUsage = serverAuth\n");
        c.openssl("x509", "-req", "-days", "30", "-sha256", "-in", "server.csr", "-CA", "ca.pem", "-CAkey",
                "ca-key.pem", "-CAcreateserial", "-out", "server-cert.pem", "-extfile", "server-ext.cnf");
        Files.writeString(dir.resolve("client-ext.cnf"), "extendedKeyUsage = clientAuth\n");
        Files.writeString(dir.resolve("server-usage-ext.cnf"), "extendedKeyUsage = serverAuth\n");
        c.client("good", "ca", "client-ext.cnf");
        c.client("other-ca", "other-ca", "client-ext.cnf");
        c.client("server-usage", "ca", "server-usage-ext.cnf");
        c.expiredClient();
        return c;
    }

    /** @return the directory of a client's ca.pem, cert.pem and key.pem */
    Path client(String name) {
        return dir.resolve(name);
    }

    /**
     * Makes one more client certificate of the good CA (clientAuth), named {@code name} (its CN).
     *
     * @param name the name and directory
     * @return the directory with ca.pem, cert.pem, key.pem
     */
    Path extraClient(String name) throws IOException, InterruptedException {
        client(name, "ca", "client-ext.cnf");
        return client(name);
    }

    private void ca(String name, String cn) throws IOException, InterruptedException {
        openssl("genrsa", "-out", name + "-key.pem", "2048");
        openssl("req", "-new", "-x509", "-days", "30", "-key", name + "-key.pem", "-sha256", "-subj", "/CN=" + cn,
                "-out", name + ".pem");
    }

    private void client(String name, String ca, String ext) throws IOException, InterruptedException {
        Path d = Files.createDirectories(dir.resolve(name));
        openssl("genrsa", "-out", name + "/key.pem", "2048");
        openssl("req", "-subj", "/CN=" + name, "-new", "-key", name + "/key.pem", "-out", name + "/client.csr");
        openssl("x509", "-req", "-days", "30", "-sha256", "-in", name + "/client.csr", "-CA", ca + ".pem",
                "-CAkey", ca + "-key.pem", "-CAcreateserial", "-out", name + "/cert.pem", "-extfile", ext);
        Files.copy(dir.resolve("ca.pem"), d.resolve("ca.pem"));
    }

    /** keytool can back-date: a client certificate valid for one day, ten days ago, signed by the good CA. */
    private void expiredClient() throws IOException, InterruptedException {
        Path d = Files.createDirectories(dir.resolve("expired"));
        openssl("pkcs12", "-export", "-in", "ca.pem", "-inkey", "ca-key.pem", "-out", "ca.p12", "-passout",
                "pass:berth1", "-name", "ca");
        openssl("genrsa", "-out", "expired/key.pem", "2048");
        openssl("req", "-subj", "/CN=expired", "-new", "-key", "expired/key.pem", "-out", "expired/client.csr");
        run(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-gencert", "-rfc",
                "-keystore", "ca.p12", "-storetype", "PKCS12", "-storepass", "berth1", "-alias", "ca",
                "-infile", "expired/client.csr", "-outfile", "expired/cert.pem", "-startdate", "-10d",
                "-validity", "1", "-ext", "EKU=clientAuth"));
        Files.copy(dir.resolve("ca.pem"), d.resolve("ca.pem"));
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        run(cmd);
    }

    private void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed:\n" + out);
        }
    }
}
