package dev.sidedoor.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * The test HTTP client, counting the requests sent to one port (the table service) by table and method: each is a
 * billed transaction in Azure.
 */
final class CountingHttp implements HttpClient {

    private final HttpClient delegate;
    private final int port;
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    CountingHttp(HttpClient delegate, int port) {
        this.delegate = delegate;
        this.port = port;
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        count(request);
        return delegate.send(request);
    }

    @Override
    public HttpResponse sendSync(HttpRequest request, Context context) {
        count(request);
        return delegate.sendSync(request, context);
    }

    private void count(HttpRequest request) {
        if (request.getUrl().getPort() == port) {
            // "/devstoreaccount1/baseline12(PartitionKey='b0f',RowKey='...')" -> "baseline"
            String path = request.getUrl().getPath().replaceFirst("^/[^/]+/", "");
            String table = path.replaceAll("[0-9]*([(?].*)?$", "");
            counts.merge(table + " " + request.getHttpMethod().name(), 1, Integer::sum);
        }
    }

    /** Requests so far, by "table METHOD". */
    Map<String, Integer> counts() {
        return new TreeMap<>(counts);
    }

    int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    void clear() {
        counts.clear();
    }
}
