package dev.sidedoor.azure;

import com.azure.core.http.HttpClient;
import com.azure.data.tables.TableClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Azurite table service for the baseline and ledger tables, over HTTPS with OAuth like the blob one. Each
 * test gets tables of its own (fresh names), so tests never see each other's state.
 */
final class LocalTables implements AutoCloseable {

    private static final AtomicInteger NEXT = new AtomicInteger();

    final Azurite azurite;
    final TestIdentity identity;
    final HttpClient http;

    private LocalTables(Azurite azurite, TestIdentity identity, HttpClient http) {
        this.azurite = azurite;
        this.identity = identity;
        this.http = http;
    }

    static LocalTables start(TestTls tls, TestIdentity identity, HttpClient http) throws Exception {
        return new LocalTables(Azurite.startTable(tls), identity, http);
    }

    /** A new, empty table named {@code prefix} plus a number. */
    TableClient create(String prefix) {
        TableClient t = client(prefix + NEXT.incrementAndGet());
        t.createTable();
        return t;
    }

    TableClient client(String name) {
        return AzureClients.table(azurite.tableEndpoint(), name, identity, http, Duration.ofMillis(20));
    }

    /** App settings for a fresh baseline table and ledger table. */
    Map<String, String> settings() {
        return Map.of("SIDEDOOR_TABLE_URI", azurite.tableEndpoint().toString(),
                "SIDEDOOR_BASELINE_TABLE", create("baseline").getTableName(),
                "SIDEDOOR_LEDGER_TABLE", create("ledger").getTableName());
    }

    /** A table endpoint where nothing listens: a storage account that cannot be reached. */
    static URI unreachable() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return URI.create("https://127.0.0.1:" + s.getLocalPort() + "/" + Azurite.ACCOUNT);
        }
    }

    @Override
    public void close() {
        azurite.close();
    }
}
