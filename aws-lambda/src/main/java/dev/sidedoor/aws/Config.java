package dev.sidedoor.aws;

import dev.sidedoor.core.finding.Severity;
import dev.sidedoor.core.scan.FunctionSettings;
import java.nio.file.Path;
import java.util.Map;

/**
 * The function's settings, read once from its environment. Every problem names the variable, so a bad deploy
 * fails at init with a message that says what to fix.
 *
 * @param topicArn        findings topic (SIDEDOOR_TOPIC_ARN)
 * @param chatTopicArn    optional topic for AWS Chatbot custom notifications, or null (SIDEDOOR_CHAT_TOPIC_ARN)
 * @param shared          minimum severity, format, rules, tuning and publish attempts ({@link FunctionSettings})
 * @param metricsNamespace CloudWatch namespace for the embedded metrics (SIDEDOOR_METRICS_NAMESPACE)
 * @param functionName    the Lambda function's name, the metrics dimension (AWS_LAMBDA_FUNCTION_NAME)
 * @param stateTable      DynamoDB table of the baseline and the published-findings ledger, or null for neither
 *                        (SIDEDOOR_STATE_TABLE)
 */
record Config(String topicArn, String chatTopicArn, FunctionSettings shared, String metricsNamespace,
        String functionName, String stateTable) {

    /** Every variable the function reads (besides the runtime's own AWS_LAMBDA_FUNCTION_NAME). */
    static final java.util.List<String> VARIABLES = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("SIDEDOOR_TOPIC_ARN", "SIDEDOOR_CHAT_TOPIC_ARN", "SIDEDOOR_METRICS_NAMESPACE",
                    "SIDEDOOR_STATE_TABLE"),
            FunctionSettings.VARIABLES.stream()).toList();

    static Config fromEnvironment(Map<String, String> env) {
        String topic = FunctionSettings.value(env, "SIDEDOOR_TOPIC_ARN");
        if (topic == null) {
            throw new IllegalStateException("SIDEDOOR_TOPIC_ARN is not set: the function needs the ARN of the "
                    + "findings topic");
        }
        requireArn("SIDEDOOR_TOPIC_ARN", topic);
        String chat = FunctionSettings.value(env, "SIDEDOOR_CHAT_TOPIC_ARN");
        if (chat != null) {
            requireArn("SIDEDOOR_CHAT_TOPIC_ARN", chat);
        }
        return new Config(topic, chat, FunctionSettings.fromEnvironment(env),
                FunctionSettings.orDefault(env, "SIDEDOOR_METRICS_NAMESPACE", "sidedoor"),
                FunctionSettings.orDefault(env, "AWS_LAMBDA_FUNCTION_NAME", "sidedoor"),
                FunctionSettings.value(env, "SIDEDOOR_STATE_TABLE"));
    }

    Severity minSeverity() {
        return shared.minSeverity();
    }

    FunctionSettings.Format format() {
        return shared.format();
    }

    Path rulesDir() {
        return shared.rulesDir();
    }

    Path tuningFile() {
        return shared.tuningFile();
    }

    int maxAttempts() {
        return shared.maxAttempts();
    }

    private static void requireArn(String name, String arn) {
        if (!arn.startsWith("arn:") || arn.split(":", -1).length != 6) {
            throw new IllegalStateException(name + " is '" + arn + "', which is not an SNS topic ARN "
                    + "(arn:aws:sns:REGION:ACCOUNT:NAME)");
        }
    }
}
