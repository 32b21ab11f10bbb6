package dev.sidedoor.core.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sidedoor.core.finding.Finding;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** sidedoor's own finding JSON: flat, stable keys, the seeds' output fields at top level. */
final class SidedoorJson implements FindingFormat {

    static final String SCHEMA = "sidedoor.finding/1";

    @Override
    public void write(Finding f, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("schema", SCHEMA);
        g.writeStringField("finding_id", f.findingId());
        g.writeObjectFieldStart("rule");
        g.writeStringField("id", f.rule().id());
        g.writeStringField("name", f.rule().name());
        g.writeStringField("title", f.rule().title());
        g.writeStringField("level", f.rule().level());
        Finding.Runbook book = f.rule().runbook();
        if (book != null) {
            g.writeObjectFieldStart("runbook");
            g.writeStringField("check", book.check());
            g.writeStringField("confirm", book.confirm());
            g.writeStringField("contain", book.contain());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeStringField("severity", f.severity().label());
        strings(g, "techniques", f.techniques());
        strings(g, "tactics", f.tactics());
        g.writeStringField("provider", f.provider());
        g.writeObjectFieldStart("event");
        g.writeStringField("id", f.event().id());
        g.writeStringField("time", f.event().time());
        g.writeStringField("action", f.event().action());
        g.writeStringField("service", f.event().service());
        g.writeStringField("outcome", f.event().outcome());
        g.writeStringField("error_code", f.event().errorCode());
        g.writeEndObject();
        g.writeStringField("actor", f.actor());
        g.writeStringField("target", f.target());
        g.writeStringField("source_ip", f.sourceIp());
        g.writeStringField("account", f.account());
        g.writeStringField("region", f.region());
        g.writeStringField("user_agent", f.userAgent());
        g.writeStringField("summary", f.summary());
        g.writeObjectFieldStart("context");
        for (Map.Entry<String, String> e : f.context().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeBooleanField("suppressed", f.suppressed());
        if (f.suppression() != null) {
            g.writeObjectFieldStart("suppression");
            g.writeStringField("id", f.suppression().id());
            g.writeStringField("reason", f.suppression().reason());
            g.writeStringField("expires", f.suppression().expires());
            g.writeEndObject();
        }
        strings(g, "notes", f.notes());
        if (f.baseline() != null) {
            baseline(g, f.baseline());
        }
        correlation(g, f);
        origin(g, f.origin());
        raw(g, f.origin());
        g.writeEndObject();
    }

    /**
     * The {@code origin} object: {@code file}, {@code record} (1-based, in reading order), {@code line} (when
     * known) and {@code element} (inside a nested wrapper, when any). Nothing when the origin is unknown.
     */
    static void origin(JsonGenerator g, Finding.Origin o) throws IOException {
        if (o == null) {
            return;
        }
        g.writeObjectFieldStart("origin");
        g.writeStringField("file", o.file());
        g.writeNumberField("record", o.record());
        if (o.line() > 0) {
            g.writeNumberField("line", o.line());
        }
        if (o.element() != null) {
            g.writeStringField("element", o.element());
        }
        g.writeEndObject();
    }

    /**
     * The record as read ({@code scan --include-raw}): a JSON object when whole; when longer than
     * {@link Finding.Raw#MAX_CHARS}, its first characters as a string and {@code raw_clipped} saying how much.
     */
    static void raw(JsonGenerator g, Finding.Origin o) throws IOException {
        if (o == null || o.raw() == null) {
            return;
        }
        Finding.Raw r = o.raw();
        if (r.clipped()) {
            g.writeStringField("raw", r.json());
            g.writeStringField("raw_clipped", "record clipped from " + r.fullChars() + " to " + r.json().length()
                    + " characters");
        } else {
            g.writeFieldName("raw");
            // The text is Jackson's own serialisation of the record's tree: valid JSON.
            g.writeRawValue(r.json());
        }
    }

    /** The {@code correlation} object of a correlated finding: type, group, count, window, contributing ids. */
    static void correlation(JsonGenerator g, Finding f) throws IOException {
        correlation(g, f, true);
    }

    /** @param nulls write absent values as null (sidedoor JSON) or leave them out (OCSF has no null values) */
    static void correlation(JsonGenerator g, Finding f, boolean nulls) throws IOException {
        Map<String, String> c = f.context();
        if (!c.containsKey("correlation_type")) {
            return;
        }
        g.writeObjectFieldStart("correlation");
        field(g, nulls, "type", c.get("correlation_type"));
        field(g, nulls, "group", c.get("correlation_group"));
        String count = c.get("correlation_count");
        if (count != null && count.chars().allMatch(Character::isDigit) && !count.isEmpty() && count.length() < 10) {
            g.writeNumberField("count", Integer.parseInt(count));
        } else {
            field(g, nulls, "count", count);
        }
        field(g, nulls, "window", c.get("correlation_window"));
        field(g, nulls, "first", c.get("correlation_first"));
        g.writeArrayFieldStart("finding_ids");
        String ids = c.get("correlation_findings");
        if (ids != null) {
            for (String id : ids.split(",")) {
                String t = id.strip();
                if (t.startsWith("sd-")) {
                    g.writeString(t);
                }
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** The {@code baseline} object: routine, novel or learning, and why. */
    static void baseline(JsonGenerator g, Finding.Baseline b) throws IOException {
        baseline(g, b, true);
    }

    /** @param nulls write absent values as null (sidedoor JSON) or leave them out (OCSF has no null values) */
    static void baseline(JsonGenerator g, Finding.Baseline b, boolean nulls) throws IOException {
        g.writeObjectFieldStart("baseline");
        field(g, nulls, "state", b.state());
        strings(g, "novel", b.novel());
        field(g, nulls, "why", b.why());
        field(g, nulls, "person", b.person());
        field(g, nulls, "first_seen", b.firstSeen());
        field(g, nulls, "last_seen", b.lastSeen());
        g.writeNumberField("days_seen", b.daysSeen());
        g.writeEndObject();
    }

    private static void field(JsonGenerator g, boolean nulls, String name, String value) throws IOException {
        if (value != null || nulls) {
            g.writeStringField(name, value);
        }
    }

    static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
