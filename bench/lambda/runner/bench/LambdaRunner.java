package bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Lambda Java runtime's cold path, in one process: load the handler class by name, construct it with its no-arg
 * constructor (the function's init), pass one event to handleRequest (the first invocation), report and exit.
 *
 * <p>Usage: {@code java -cp HANDLER_JAR:RUNNER_CLASSES bench.LambdaRunner HANDLER_CLASS EVENT_FILE}. Prints one line
 * on stdout, {@code elapsed_ms=... jvm_to_main_ms=... load_ms=... init_ms=... handle_ms=...}, where elapsed_ms runs
 * from the JVM's start time (RuntimeMXBean) to the return of handleRequest. The handler's response goes to stderr.
 * Exits 1 when the handler throws. Only aws-lambda-java-core is needed, and the handler jar carries it.
 */
public final class LambdaRunner {

    private LambdaRunner() {
    }

    public static void main(String[] args) throws Exception {
        long mainAt = System.currentTimeMillis();
        long t0 = System.nanoTime();
        if (args.length != 2) {
            System.err.println("usage: bench.LambdaRunner HANDLER_CLASS EVENT_FILE");
            System.exit(2);
        }
        Class<?> type = Class.forName(args[0], true, LambdaRunner.class.getClassLoader());
        long t1 = System.nanoTime();
        Constructor<?> ctor = type.getConstructor();
        RequestStreamHandler handler = (RequestStreamHandler) ctor.newInstance();
        long t2 = System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = 0;
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            handler.handleRequest(in, out, null);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        long t3 = System.nanoTime();
        long doneAt = System.currentTimeMillis();
        // Read after the work: loading java.management is then not part of the figure.
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.err.println("response=" + out.toString(StandardCharsets.UTF_8));
        System.out.println("elapsed_ms=" + (doneAt - jvmStart)
                + " jvm_to_main_ms=" + (mainAt - jvmStart)
                + " load_ms=" + ms(t1 - t0)
                + " init_ms=" + ms(t2 - t1)
                + " handle_ms=" + ms(t3 - t2)
                + " status=" + status);
        System.out.flush();
        System.exit(status);
    }

    private static long ms(long nanos) {
        return Math.round(nanos / 1e6);
    }
}
