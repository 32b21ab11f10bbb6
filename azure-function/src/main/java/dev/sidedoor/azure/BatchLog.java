package dev.sidedoor.azure;

import dev.sidedoor.core.output.JsonText;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Structured log lines through the invocation's logger (Application Insights traces): one JSON object per line,
 * message first. Values that came from events are JSON strings, so a forged line break or quote in a log field
 * cannot forge an entry; query them with {@code parse_json(message)}.
 */
final class BatchLog {

    private BatchLog() {
    }

    static void info(Logger logger, String message, Map<String, ?> fields) {
        log(logger, Level.INFO, message, fields);
    }

    static void warn(Logger logger, String message, Map<String, ?> fields) {
        log(logger, Level.WARNING, message, fields);
    }

    static void error(Logger logger, String message, Map<String, ?> fields) {
        log(logger, Level.SEVERE, message, fields);
    }

    static String line(String message, Map<String, ?> fields) {
        return JsonText.write(g -> {
            g.writeStartObject();
            g.writeStringField("message", message);
            JsonText.writeFields(g, fields);
            g.writeEndObject();
        });
    }

    private static void log(Logger logger, Level level, String message, Map<String, ?> fields) {
        if (logger.isLoggable(level)) {
            logger.log(level, line(message, fields));
        }
    }
}
