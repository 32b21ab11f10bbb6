package dev.sidedoor.core.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sidedoor.core.event.EventTimes;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.Severity;
import java.io.IOException;
import java.util.Map;

/**
 * OCSF 1.1 Detection Finding (class 2004, category Findings): what SIEMs and security lakes (Security Lake,
 * Splunk, Sentinel via OCSF mappings) ingest. Fields sidedoor has no OCSF home for go to {@code unmapped}.
 */
final class OcsfDetectionFinding implements FindingFormat {

    static final int CLASS_UID = 2004;
    static final int CATEGORY_UID = 2;
    static final int ACTIVITY_CREATE = 1;
    static final String OCSF_VERSION = "1.1.0";

    private final String productVersion;

    OcsfDetectionFinding(String productVersion) {
        this.productVersion = productVersion;
    }

    @Override
    public void write(Finding f, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("class_uid", CLASS_UID);
        g.writeStringField("class_name", "Detection Finding");
        g.writeNumberField("category_uid", CATEGORY_UID);
        g.writeStringField("category_name", "Findings");
        g.writeNumberField("activity_id", ACTIVITY_CREATE);
        g.writeStringField("activity_name", "Create");
        g.writeNumberField("type_uid", CLASS_UID * 100L + ACTIVITY_CREATE);
        g.writeNumberField("severity_id", severityId(f.severity()));
        g.writeStringField("severity", capitalised(f.severity()));
        long time = EventTimes.epochMillis(f.event().time());
        g.writeNumberField("time", time >= 0 ? time : System.currentTimeMillis());
        g.writeStringField("message", f.summary());
        g.writeNumberField("status_id", f.suppressed() ? 3 : 1);
        g.writeStringField("status", f.suppressed() ? "Suppressed" : "New");
        g.writeObjectFieldStart("metadata");
        g.writeStringField("version", OCSF_VERSION);
        g.writeObjectFieldStart("product");
        g.writeStringField("name", "sidedoor");
        g.writeStringField("vendor_name", "sidedoor");
        g.writeStringField("version", productVersion);
        g.writeEndObject();
        g.writeStringField("uid", f.findingId());
        g.writeEndObject();
        findingInfo(f, g);
        if (f.actor() != null) {
            g.writeObjectFieldStart("actor");
            g.writeObjectFieldStart("user");
            g.writeStringField("name", f.actor());
            g.writeStringField("uid", f.actor());
            g.writeEndObject();
            g.writeEndObject();
        }
        if (f.sourceIp() != null) {
            g.writeObjectFieldStart("src_endpoint");
            if (looksLikeIp(f.sourceIp())) {
                g.writeStringField("ip", f.sourceIp());
            } else {
                g.writeStringField("domain", f.sourceIp());
            }
            g.writeEndObject();
        }
        g.writeObjectFieldStart("cloud");
        g.writeStringField("provider", providerName(f.provider()));
        if (f.account() != null) {
            g.writeObjectFieldStart("account");
            g.writeStringField("uid", f.account());
            g.writeEndObject();
        }
        g.writeStringField("region", f.region());
        g.writeEndObject();
        if (f.target() != null) {
            g.writeArrayFieldStart("resources");
            g.writeStartObject();
            g.writeStringField("uid", f.target());
            g.writeStringField("type", "Virtual Machine");
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeObjectFieldStart("unmapped");
        g.writeStringField("event_id", f.event().id());
        g.writeStringField("event_action", f.event().action());
        g.writeStringField("event_service", f.event().service());
        g.writeStringField("event_outcome", f.event().outcome());
        g.writeStringField("error_code", f.event().errorCode());
        g.writeStringField("user_agent", f.userAgent());
        for (Map.Entry<String, String> e : f.context().entrySet()) {
            g.writeStringField("context_" + e.getKey(), e.getValue());
        }
        if (f.suppression() != null) {
            g.writeStringField("suppression_id", f.suppression().id());
            g.writeStringField("suppression_reason", f.suppression().reason());
        }
        SidedoorJson.strings(g, "notes", f.notes());
        if (f.baseline() != null) {
            SidedoorJson.baseline(g, f.baseline());
        }
        SidedoorJson.correlation(g, f);
        SidedoorJson.origin(g, f.origin());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void findingInfo(Finding f, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("finding_info");
        g.writeStringField("uid", f.findingId());
        g.writeStringField("title", f.rule().title());
        g.writeStringField("desc", f.summary());
        g.writeArrayFieldStart("types");
        g.writeString(f.provider() + ":" + f.event().action());
        g.writeEndArray();
        g.writeObjectFieldStart("analytic");
        g.writeStringField("uid", f.rule().id());
        g.writeStringField("name", f.rule().name());
        g.writeNumberField("type_id", 1);
        g.writeStringField("type", "Rule");
        g.writeEndObject();
        g.writeArrayFieldStart("attacks");
        for (String technique : f.techniques()) {
            if (f.tactics().isEmpty()) {
                attack(g, technique, null);
            }
            for (String tactic : f.tactics()) {
                attack(g, technique, Attack.tactic(tactic));
            }
        }
        g.writeEndArray();
        g.writeEndObject();
        Finding.Runbook book = f.rule().runbook();
        if (book != null && !book.steps().isEmpty()) {
            // OCSF's place for what to do about a finding; the guide's three parts in one description.
            g.writeObjectFieldStart("remediation");
            g.writeStringField("desc", String.join(" ", book.steps()));
            g.writeEndObject();
        }
    }


    private static void attack(JsonGenerator g, String technique, String[] tactic) throws IOException {
        g.writeStartObject();
        g.writeStringField("version", Attack.VERSION);
        g.writeObjectFieldStart("technique");
        g.writeStringField("uid", technique);
        String name = Attack.techniqueName(technique);
        if (name != null) {
            g.writeStringField("name", name);
        }
        g.writeEndObject();
        if (tactic != null) {
            g.writeObjectFieldStart("tactic");
            g.writeStringField("uid", tactic[0]);
            g.writeStringField("name", tactic[1]);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    static int severityId(Severity s) {
        return switch (s) {
            case INFORMATIONAL -> 1;
            case LOW -> 2;
            case MEDIUM -> 3;
            case HIGH -> 4;
            case CRITICAL -> 5;
        };
    }

    private static String capitalised(Severity s) {
        String l = s.label();
        return Character.toUpperCase(l.charAt(0)) + l.substring(1);
    }

    private static String providerName(String provider) {
        return dev.sidedoor.core.source.Sources.displayName(provider);
    }

    private static boolean looksLikeIp(String s) {
        if (s.isEmpty() || s.length() > 45) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
                return false;
            }
        }
        return s.indexOf('.') > 0 || s.indexOf(':') >= 0;
    }
}
