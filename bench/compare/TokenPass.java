import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor for any JSON-reading scanner: Jackson's streaming parser reads every token of every file and builds
 * nothing. bench/compare.sh runs it (java's source-file mode, Jackson from the sidedoor jar) beside grep, jq and
 * sidedoor. Usage: java -cp sidedoor.jar TokenPass.java THREADS FILE...
 */
public final class TokenPass {
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        ConcurrentLinkedQueue<String> files = new ConcurrentLinkedQueue<>(List.of(args).subList(1, args.length));
        JsonFactory factory = new JsonFactory();
        AtomicLong tokens = new AtomicLong();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                long n = 0;
                for (String f; (f = files.poll()) != null; ) {
                    try (InputStream in = Files.newInputStream(Path.of(f)); JsonParser p = factory.createParser(in)) {
                        while (p.nextToken() != null) {
                            n++;
                        }
                    } catch (Exception e) {
                        throw new RuntimeException(f, e);
                    }
                }
                tokens.addAndGet(n);
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        System.out.println(tokens.get() + " tokens");
    }
}
