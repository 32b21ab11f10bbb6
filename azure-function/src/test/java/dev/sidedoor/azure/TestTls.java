package dev.sidedoor.azure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1, made once per build with the JDK's keytool. The Azure clients send
 * managed-identity tokens over TLS only, so the local Event Grid endpoint and Azurite both serve HTTPS with it, and
 * the clients under test trust it and nothing else.
 */
final class TestTls {

    static final String PASSWORD = "sidedoor-test";
    private static TestTls instance;

    private final Path keyStore;
    private final SSLContext context;

    private TestTls(Path keyStore, SSLContext context) {
        this.keyStore = keyStore;
        this.context = context;
    }

    /** The certificate under target/test-tls, made on first use. */
    static synchronized TestTls get() throws IOException, InterruptedException, GeneralSecurityException {
        if (instance == null) {
            instance = in(Path.of("target", "test-tls"));
        }
        return instance;
    }

    /** The certificate in {@code dir}, made there when missing. */
    static TestTls in(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        Files.createDirectories(dir);
        Path file = dir.resolve("localhost.p12");
        if (!Files.exists(file)) {
            keytool(file);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return new TestTls(file, ctx);
    }

    private static void keytool(Path file) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "localhost", "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-validity", "30", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
    }

    Path keyStore() {
        return keyStore;
    }

    SSLContext context() {
        return context;
    }

    /** A JDK HttpClient builder that trusts the test certificate. */
    java.net.http.HttpClient.Builder clientBuilder() {
        return java.net.http.HttpClient.newBuilder().sslContext(context);
    }
}
