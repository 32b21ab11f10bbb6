package dev.sidedoor.core.scan;

import dev.sidedoor.core.finding.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings every cloud function shares, read from its environment. Every problem names the variable, so a bad
 * deploy fails at init with a message that says what to fix.
 *
 * @param minSeverity findings below this are counted, not published (SIDEDOOR_MIN_SEVERITY, default medium)
 * @param format      the finding JSON shape (SIDEDOOR_FORMAT: sidedoor or ocsf, default sidedoor)
 * @param rulesDir    optional directory of extra Sigma rules (SIDEDOOR_RULES_DIR), or null
 * @param tuningFile  optional tuning file (SIDEDOOR_TUNING_FILE), or null
 * @param maxAttempts publish attempts per message, the first included (SIDEDOOR_PUBLISH_MAX_ATTEMPTS, default 5)
 * @param fullCommandText publish command and script text with its secrets (SIDEDOOR_COMMAND_TEXT=full); by default
 *                    (redacted) passwords, keys and tokens in it are replaced by a hash
 */
public record FunctionSettings(Severity minSeverity, Format format, Path rulesDir, Path tuningFile, int maxAttempts,
        boolean fullCommandText) {

    /** The finding JSON shapes a function can publish. */
    public enum Format { SIDEDOOR, OCSF }

    public static final int MAX_ATTEMPTS_LIMIT = 10;

    /** The variables read here. */
    public static final List<String> VARIABLES = List.of("SIDEDOOR_MIN_SEVERITY", "SIDEDOOR_FORMAT",
            "SIDEDOOR_RULES_DIR", "SIDEDOOR_TUNING_FILE", "SIDEDOOR_PUBLISH_MAX_ATTEMPTS", "SIDEDOOR_COMMAND_TEXT");

    public static FunctionSettings fromEnvironment(Map<String, String> env) {
        Severity min;
        try {
            min = Severity.parse(orDefault(env, "SIDEDOOR_MIN_SEVERITY", "medium"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("SIDEDOOR_MIN_SEVERITY: " + e.getMessage());
        }
        String formatText = orDefault(env, "SIDEDOOR_FORMAT", "sidedoor");
        Format format = switch (formatText.toLowerCase(Locale.ROOT)) {
            case "sidedoor" -> Format.SIDEDOOR;
            case "ocsf" -> Format.OCSF;
            default -> throw new IllegalStateException("SIDEDOOR_FORMAT is '" + formatText
                    + "'; expected sidedoor or ocsf");
        };
        String rules = value(env, "SIDEDOOR_RULES_DIR");
        String tuning = value(env, "SIDEDOOR_TUNING_FILE");
        String commandText = orDefault(env, "SIDEDOOR_COMMAND_TEXT", "redacted");
        boolean full = switch (commandText.toLowerCase(Locale.ROOT)) {
            case "redacted" -> false;
            case "full" -> true;
            default -> throw new IllegalStateException("SIDEDOOR_COMMAND_TEXT is '" + commandText
                    + "'; expected redacted or full");
        };
        return new FunctionSettings(min, format, rules == null ? null : Path.of(rules),
                tuning == null ? null : Path.of(tuning), attempts(orDefault(env, "SIDEDOOR_PUBLISH_MAX_ATTEMPTS", "5")),
                full);
    }

    /** The finding format to render with; {@code version} is the product version OCSF records. */
    public dev.sidedoor.core.output.FindingFormat findingFormat(String version) {
        return format == Format.OCSF ? dev.sidedoor.core.output.FindingFormat.ocsf(version)
                : dev.sidedoor.core.output.FindingFormat.sidedoor();
    }

    /** The variable's trimmed value, or null when it is unset or blank. */
    public static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    public static String orDefault(Map<String, String> env, String name, String fallback) {
        String v = value(env, name);
        return v == null ? fallback : v;
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
}
