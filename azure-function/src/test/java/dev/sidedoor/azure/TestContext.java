package dev.sidedoor.azure;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The invocation context the Functions host would pass (no Functions host runs here): an invocation id, and a
 * logger whose lines the test reads back, or hands to a sink.
 */
final class TestContext implements ExecutionContext {

    /** One log line as written. */
    record Line(Level level, String message) {
    }

    private final String invocationId;
    private final Logger logger;
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    /** Keeps every line, for the test to read back. */
    TestContext(String invocationId) {
        this(invocationId, null);
    }

    /** Hands every line to {@code sink} instead of keeping it (benchmarks run millions of invocations). */
    TestContext(String invocationId, java.util.function.Consumer<Line> sink) {
        this.invocationId = invocationId;
        this.logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                Line line = new Line(r.getLevel(), r.getMessage());
                if (sink == null) {
                    lines.add(line);
                } else {
                    sink.accept(line);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @Override
    public Logger getLogger() {
        return logger;
    }

    @Override
    public String getInvocationId() {
        return invocationId;
    }

    @Override
    public String getFunctionName() {
        return ActivityLogFunction.NAME;
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }
}
