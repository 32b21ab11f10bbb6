package dev.sidedoor.aws;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.FindingClips;
import dev.sidedoor.core.output.FindingFormat;
import dev.sidedoor.core.output.JsonText;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SNS message for one finding: the finding JSON as the body, and the attributes subscribers filter on
 * (SNS filter policies read attributes, not the body). Attribute values are log-derived text: SNS carries them as
 * data, and a subscriber's filter policy only compares them.
 */
final class FindingMessages {

    /** SNS allows 10 attributes; these are the ones documented for filter policies. */
    static final String SEVERITY = "severity";
    static final String RULE_ID = "rule_id";
    static final String RULE_NAME = "rule_name";
    static final String PROVIDER = "provider";
    static final String TECHNIQUE = "technique";
    static final String ACCOUNT = "account";
    static final String FINDING_ID = "finding_id";

    private static final int SUBJECT_MAX = 100;
    /**
     * SNS takes 256 KiB per message, attributes and subject included; the body keeps 16 KiB of room for them (ten
     * attributes of short values, a 100-character subject).
     */
    static final int BODY_MAX_BYTES = 256 * 1024 - 16 * 1024;

    private final FindingFormat format;

    FindingMessages(FindingFormat format) {
        this.format = format;
    }

    SnsApi.Message finding(String topicArn, Finding f) {
        Map<String, SnsApi.Attribute> attributes = new LinkedHashMap<>();
        put(attributes, SEVERITY, f.severity().label());
        put(attributes, RULE_ID, f.rule().id());
        put(attributes, RULE_NAME, f.rule().name());
        put(attributes, PROVIDER, f.provider());
        if (!f.techniques().isEmpty()) {
            attributes.put(TECHNIQUE, new SnsApi.Attribute("String.Array", jsonArray(f)));
        }
        put(attributes, ACCOUNT, f.account());
        put(attributes, FINDING_ID, f.findingId());
        // On a FIFO topic, one account's findings arrive in the order they were published.
        return new SnsApi.Message(topicArn, subject(f), body(f), attributes, f.account());
    }

    /** The finding as the message body, its values clipped (with a note) when it would not fit in SNS. */
    String body(Finding f) {
        return FindingClips.fit(f, x -> JsonText.write(g -> format.write(x, g)), BODY_MAX_BYTES);
    }

    /** The e-mail subject line: printable ASCII only, at most 100 characters, as SNS requires. */
    static String subject(Finding f) {
        String raw = "[sidedoor " + f.severity().label() + "] " + f.rule().title();
        StringBuilder b = new StringBuilder(SUBJECT_MAX);
        for (int i = 0; i < raw.length() && b.length() < SUBJECT_MAX; i++) {
            char c = raw.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString().strip();
    }

    private static String jsonArray(Finding f) {
        return JsonText.write(g -> {
            g.writeStartArray();
            for (String t : f.techniques()) {
                g.writeString(t);
            }
            g.writeEndArray();
        });
    }

    private static void put(Map<String, SnsApi.Attribute> attributes, String name, String value) {
        // SNS rejects empty attribute values; an absent one is simply left out.
        if (value != null && !value.isBlank()) {
            attributes.put(name, new SnsApi.Attribute("String", value));
        }
    }
}
