package dev.sidedoor.azure;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * A local HTTPS endpoint in place of the Event Grid topic, for the benchmark: a self-signed certificate for
 * 127.0.0.1 made with the JDK's keytool, and a handler that reads each request whole, counts its CloudEvents and
 * answers 200 at once, as Event Grid does. Its one thread is named {@value #THREAD} so its CPU time can be told
 * apart from the function's.
 */
final class LocalTopic implements AutoCloseable {

    static final String THREAD = "local-eventgrid";
    private static final byte[] MARKER = "\"specversion\"".getBytes(StandardCharsets.US_ASCII);

    private final HttpsServer server;
    private final ExecutorService executor;
    private final SSLContext context;
    private final Path dir;
    final AtomicLong requests = new AtomicLong();
    final AtomicLong events = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();

    private LocalTopic(HttpsServer server, ExecutorService executor, SSLContext context, Path dir) {
        this.server = server;
        this.executor = executor;
        this.context = context;
        this.dir = dir;
    }

    static LocalTopic start() throws IOException, InterruptedException, GeneralSecurityException {
        Path dir = Files.createTempDirectory("sidedoor-bench-tls");
        SSLContext ctx = TestTls.in(dir).context();
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, THREAD);
            t.setDaemon(true);
            return t;
        });
        LocalTopic topic = new LocalTopic(server, executor, ctx, dir);
        server.createContext("/api/events", topic::handle);
        server.setExecutor(executor);
        server.start();
        return topic;
    }

    URI endpoint() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/api/events");
    }

    /** A JDK HttpClient builder that trusts this endpoint's certificate (and nothing else). */
    java.net.http.HttpClient.Builder clientBuilder() {
        return java.net.http.HttpClient.newBuilder().sslContext(context);
    }

    private void handle(HttpExchange x) throws IOException {
        byte[] body = x.getRequestBody().readAllBytes();
        requests.incrementAndGet();
        bytes.addAndGet(body.length);
        String auth = x.getRequestHeaders().getFirst("Authorization");
        if (!"POST".equals(x.getRequestMethod()) || auth == null || !auth.startsWith("Bearer ")) {
            rejected.incrementAndGet();
            x.sendResponseHeaders(401, -1);
        } else {
            events.addAndGet(count(body));
            x.sendResponseHeaders(200, -1);
        }
        x.close();
    }

    private static int count(byte[] body) {
        int n = 0;
        outer:
        for (int i = 0; i + MARKER.length <= body.length; i++) {
            for (int j = 0; j < MARKER.length; j++) {
                if (body[i + j] != MARKER[j]) {
                    continue outer;
                }
            }
            n++;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        executor.shutdownNow();
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }
}
