package dev.sidedoor.azure;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real Azurite blob or table service (npm package azurite, installed by this module's build into target/azurite),
 * started on a free loopback port with HTTPS and OAuth, so the dead-letter writer and the table stores reach it
 * exactly as they reach a storage account in Azure: by bearer token, over TLS.
 */
final class Azurite implements AutoCloseable {

    static final String ACCOUNT = "devstoreaccount1";
    static final Path INSTALL = service("blob");
    static final Path TABLE = service("table");

    private final Process process;
    private final int port;
    private final Path log;

    private Azurite(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    private static Path service(String name) {
        return Path.of("target", "azurite", "node_modules", "azurite", "dist", "src", name, "main.js");
    }

    /** The blob service. */
    static Azurite start(TestTls tls) throws IOException, InterruptedException {
        return start(tls, "blob");
    }

    /** The table service (baselines and the notification ledger). */
    static Azurite startTable(TestTls tls) throws IOException, InterruptedException {
        return start(tls, "table");
    }

    private static Azurite start(TestTls tls, String service) throws IOException, InterruptedException {
        Path main = service(service);
        if (!Files.exists(main)) {
            throw new IllegalStateException(main + " is missing: Azurite is installed by `mvn verify` "
                    + "(pre-integration-test runs npm install in target/azurite)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory(Path.of("target"), "azurite-");
        Path log = dir.resolve("azurite.out");
        Process p = new ProcessBuilder("node", main.toString(), "--" + service + "Host", "127.0.0.1",
                "--" + service + "Port", String.valueOf(port), "--inMemoryPersistence",
                "--cert", tls.keyStore().toString(), "--pwd", TestTls.PASSWORD, "--oauth", "basic",
                "--skipApiVersionCheck", "--disableProductStyleUrl")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Azurite a = new Azurite(p, port, log);
        a.awaitListening(Duration.ofSeconds(30));
        return a;
    }

    private void awaitListening(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Azurite exited: " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("Azurite did not listen on " + port + " within " + timeout + ": "
                + Files.readString(log));
    }

    /** The account's blob endpoint, path-style as Azurite serves it. */
    URI blobEndpoint() {
        return URI.create("https://127.0.0.1:" + port + "/" + ACCOUNT);
    }

    /** The account's table endpoint (of a {@link #startTable} instance), path-style. */
    URI tableEndpoint() {
        return blobEndpoint();
    }

    boolean running() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
