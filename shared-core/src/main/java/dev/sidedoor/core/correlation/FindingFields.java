package dev.sidedoor.core.correlation;

import dev.sidedoor.core.finding.Finding;

/**
 * A field's value as a correlation reads it from a finding. Findings do not carry their record, so:
 * sidedoor's normalised fields ({@code sidedoor.actor}, {@code sidedoor.target}...) come from the finding itself;
 * any other field from the context key {@code group_by.<field>}, which the detector fills, for the rules that
 * correlations refer to, with the value the rule saw in the record.
 */
final class FindingFields {

    /** Context key prefix of captured field values. */
    static final String PREFIX = "group_by.";

    private static final String OWN = "sidedoor.";
    private static final String CONTEXT = "sidedoor.context.";

    private FindingFields() {
    }

    /** The value, or null when the finding has none. */
    static String value(Finding f, String field) {
        if (field.startsWith(OWN)) {
            String own = own(f, field.substring(OWN.length()));
            if (own != null || isOwn(field)) {
                return own;
            }
        }
        return f.context().get(PREFIX + field);
    }

    /** Whether a finding answers {@code field} itself, so the detector need not capture it. */
    static boolean isOwn(String field) {
        if (!field.startsWith(OWN)) {
            return false;
        }
        String key = field.substring(OWN.length());
        return field.startsWith(CONTEXT) && key.length() > "context.".length() || switch (key) {
            case "provider", "actor", "target", "source_ip", "account", "region", "user_agent", "action", "outcome",
                    "error_code", "event_source" -> true;
            default -> false;
        };
    }

    private static String own(Finding f, String key) {
        if (key.startsWith("context.")) {
            return f.context().get(key.substring("context.".length()));
        }
        return switch (key) {
            case "provider" -> f.provider();
            case "actor" -> f.actor();
            case "target" -> f.target();
            case "source_ip" -> f.sourceIp();
            case "account" -> f.account();
            case "region" -> f.region();
            case "user_agent" -> f.userAgent();
            case "action" -> f.event().action();
            case "outcome" -> f.event().outcome();
            case "error_code" -> f.event().errorCode();
            case "event_source" -> f.event().service();
            default -> null;
        };
    }
}
