package dev.sidedoor.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP endpoint in front of moto that either answers every request with a 503 (SNS's own "service
 * unavailable" error) or forwards it to moto untouched: the SNS endpoint going down and coming back. It can also
 * answer only the next few requests with an error of the test's choosing (throttling, a refusal).
 */
final class FlakyProxy implements AutoCloseable {

    private final HttpServer server;
    private final URI target;
    private final AtomicBoolean failing = new AtomicBoolean(true);
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int status = 503;
    private volatile String code = "ServiceUnavailable";

    FlakyProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void fail(boolean on) {
        failing.set(on);
    }

    /** Forwards, except that the next {@code times} requests get SNS's error {@code code} with {@code status}. */
    void failNext(int times, int status, String code) {
        failing.set(false);
        this.status = status;
        this.code = code;
        failuresLeft.set(times);
    }

    int requests() {
        return requests.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        byte[] body = ex.getRequestBody().readAllBytes();
        if (failing.get() || failuresLeft.getAndDecrement() > 0) {
            byte[] err = ("<ErrorResponse><Error><Type>Receiver</Type><Code>" + code + "</Code>"
                    + "<Message>test: endpoint down &amp; out</Message></Error><RequestId>test</RequestId>"
                    + "</ErrorResponse>").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/xml");
            ex.sendResponseHeaders(status, err.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(err);
            }
            return;
        }
        HttpURLConnection c = (HttpURLConnection) target.resolve(ex.getRequestURI().toString()).toURL()
                .openConnection();
        c.setRequestMethod(ex.getRequestMethod());
        for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
            String name = h.getKey();
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")
                    && !name.equalsIgnoreCase("Connection")) {
                for (String v : h.getValue()) {
                    c.addRequestProperty(name, v);
                }
            }
        }
        if (body.length > 0) {
            c.setDoOutput(true);
            try (OutputStream o = c.getOutputStream()) {
                o.write(body);
            }
        }
        int status = c.getResponseCode();
        byte[] answer;
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            answer = in == null ? new byte[0] : in.readAllBytes();
        }
        String type = c.getContentType();
        if (type != null) {
            ex.getResponseHeaders().add("Content-Type", type);
        }
        ex.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
