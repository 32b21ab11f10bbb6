package dev.sidedoor.aws;

import dev.sidedoor.core.finding.Severity;
import java.nio.file.Path;
import java.util.Map;

/**
 * The function's settings, read once from its environment. Every problem names the variable, so a bad deploy
 * fails at init with a message that says what to fix.
 *
 * @param topicArn        findings topic (SIDEDOOR_TOPIC_ARN)
 * @param chatTopicArn    optional topic for AWS Chatbot custom notifications, or null (SIDEDOOR_CHAT_TOPIC_ARN)
 * @param minSeverity     findings below this are counted, not published (SIDEDOOR_MIN_SEVERITY)
 * @param format          message body format (SIDEDOOR_FORMAT)
 * @param rulesDir        optional directory of extra Sigma rules, e.g. from a layer (SIDEDOOR_RULES_DIR)
 * @param tuningFile      optional tuning file (SIDEDOOR_TUNING_FILE)
 * @param maxAttempts     publish attempts per message, including the first (SIDEDOOR_PUBLISH_MAX_ATTEMPTS)
 * @param metricsNamespace CloudWatch namespace for the embedded metrics (SIDEDOOR_METRICS_NAMESPACE)
 * @param functionName    the Lambda function's name, the metrics dimension (AWS_LAMBDA_FUNCTION_NAME)
 */
record Config(String topicArn, String chatTopicArn, Severity minSeverity, Format format, Path rulesDir,
        Path tuningFile, int maxAttempts, String metricsNamespace, String functionName) {

    enum Format { SIDEDOOR, OCSF }

    static final int MAX_ATTEMPTS_LIMIT = 10;

    /** Every variable the function reads (besides the runtime's own AWS_LAMBDA_FUNCTION_NAME). */
    static final java.util.List<String> VARIABLES = java.util.List.of("SIDEDOOR_TOPIC_ARN", "SIDEDOOR_CHAT_TOPIC_ARN",
            "SIDEDOOR_MIN_SEVERITY", "SIDEDOOR_FORMAT", "SIDEDOOR_RULES_DIR", "SIDEDOOR_TUNING_FILE",
            "SIDEDOOR_PUBLISH_MAX_ATTEMPTS", "SIDEDOOR_METRICS_NAMESPACE");

    static Config fromEnvironment(Map<String, String> env) {
        String topic = value(env, "SIDEDOOR_TOPIC_ARN");
        if (topic == null) {
            throw new IllegalStateException("SIDEDOOR_TOPIC_ARN is not set: the function needs the ARN of the "
                    + "findings topic");
        }
        requireArn("SIDEDOOR_TOPIC_ARN", topic);
        String chat = value(env, "SIDEDOOR_CHAT_TOPIC_ARN");
        if (chat != null) {
            requireArn("SIDEDOOR_CHAT_TOPIC_ARN", chat);
        }
        Severity min;
        try {
            min = Severity.parse(orDefault(env, "SIDEDOOR_MIN_SEVERITY", "medium"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("SIDEDOOR_MIN_SEVERITY: " + e.getMessage());
        }
        String formatText = orDefault(env, "SIDEDOOR_FORMAT", "sidedoor");
        Format format = switch (formatText.toLowerCase(java.util.Locale.ROOT)) {
            case "sidedoor" -> Format.SIDEDOOR;
            case "ocsf" -> Format.OCSF;
            default -> throw new IllegalStateException("SIDEDOOR_FORMAT is '" + formatText
                    + "'; expected sidedoor or ocsf");
        };
        int attempts = attempts(orDefault(env, "SIDEDOOR_PUBLISH_MAX_ATTEMPTS", "5"));
        String rules = value(env, "SIDEDOOR_RULES_DIR");
        String tuning = value(env, "SIDEDOOR_TUNING_FILE");
        return new Config(topic, chat, min, format, rules == null ? null : Path.of(rules),
                tuning == null ? null : Path.of(tuning), attempts,
                orDefault(env, "SIDEDOOR_METRICS_NAMESPACE", "sidedoor"),
                orDefault(env, "AWS_LAMBDA_FUNCTION_NAME", "sidedoor"));
    }

    private static int attempts(String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= MAX_ATTEMPTS_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException("SIDEDOOR_PUBLISH_MAX_ATTEMPTS is '" + text + "'; expected a whole number "
                + "from 1 to " + MAX_ATTEMPTS_LIMIT);
    }

    private static void requireArn(String name, String arn) {
        if (!arn.startsWith("arn:") || arn.split(":", -1).length != 6) {
            throw new IllegalStateException(name + " is '" + arn + "', which is not an SNS topic ARN "
                    + "(arn:aws:sns:REGION:ACCOUNT:NAME)");
        }
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String orDefault(Map<String, String> env, String name, String fallback) {
        String v = value(env, name);
        return v == null ? fallback : v;
    }
}
