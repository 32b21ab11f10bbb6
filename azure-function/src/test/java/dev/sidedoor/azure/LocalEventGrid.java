package dev.sidedoor.azure;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTPS endpoint in place of an Event Grid topic (no Event Grid emulator runs here): it records every
 * request as received on the wire, and answers like Event Grid does: 200 with an empty body, or, while failing, 503
 * ServiceUnavailable with an Event Grid error body.
 */
final class LocalEventGrid implements AutoCloseable {

    /** One request as received. */
    record Request(String method, String pathAndQuery, String contentType, String authorization, String body) {
    }

    private final HttpsServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile String refused;

    private LocalEventGrid(HttpsServer server) {
        this.server = server;
    }

    static LocalEventGrid start(TestTls tls) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.context()));
        LocalEventGrid grid = new LocalEventGrid(server);
        server.createContext("/api/events", grid::handle);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        return grid;
    }

    URI endpoint() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/api/events");
    }

    /** The next {@code n} requests get 503; {@code Integer.MAX_VALUE} for a topic that stays down. */
    void failNext(int n) {
        failuresLeft.set(n);
    }

    /** Requests whose body contains {@code marker} get 400 BadRequest, as Event Grid answers an invalid event. */
    void refuseContaining(String marker) {
        refused = marker;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    void clear() {
        requests.clear();
    }

    private void handle(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        URI uri = x.getRequestURI();
        requests.add(new Request(x.getRequestMethod(), uri.getRawPath() + (uri.getRawQuery() == null ? ""
                : "?" + uri.getRawQuery()), x.getRequestHeaders().getFirst("Content-Type"),
                x.getRequestHeaders().getFirst("Authorization"), body));
        String marker = refused;
        if (marker != null && body.contains(marker)) {
            byte[] error = ("{\"error\":{\"code\":\"BadRequest\",\"message\":\"Invalid event (local test "
                    + "endpoint).\"}}").getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(400, error.length);
            x.getResponseBody().write(error);
        } else if (failuresLeft.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) > 0) {
            byte[] error = ("{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"The service is unavailable "
                    + "(local test endpoint).\"}}").getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(503, error.length);
            x.getResponseBody().write(error);
        } else {
            x.sendResponseHeaders(200, -1);
        }
        x.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
