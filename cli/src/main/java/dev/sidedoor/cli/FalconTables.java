package dev.sidedoor.cli;

import dev.sidedoor.core.source.falcon.FalconHosts;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code scan --falcon-aidmaster FILE}: the Falcon Data Replicator lookup tables, read before the scan. */
final class FalconTables {

    private FalconTables() {
    }

    /** The tables, with what was read said on {@code err}; null (after saying why) when a file cannot be read. */
    static FalconHosts load(List<Path> files, PrintStream err) {
        FalconHosts.Builder b = new FalconHosts.Builder();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                b.read(in, file.toString());
            } catch (IOException e) {
                err.println("sidedoor: error: --falcon-aidmaster " + Terminal.clean(file.toString()) + ": cannot read: "
                        + Terminal.clean(String.valueOf(e.getMessage())));
                return null;
            }
        }
        FalconHosts hosts = b.build();
        for (String problem : hosts.problems()) {
            err.println("sidedoor: falcon table: " + Terminal.clean(problem, 600));
        }
        StringBuilder line = new StringBuilder("sidedoor: falcon tables: ").append(hosts.hostCount())
                .append(" host(s), ").append(hosts.userCount()).append(" user(s)");
        if (hosts.leftOut() > 0) {
            line.append("; ").append(hosts.leftOut()).append(" more left out (at most ").append(FalconHosts.MAX_HOSTS)
                    .append(" hosts and ").append(FalconHosts.MAX_USERS).append(" users are kept)");
        }
        err.println(line);
        return hosts;
    }
}
