package dev.sidedoor.aws;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.output.ChatText;
import dev.sidedoor.core.output.JsonText;
import java.util.Map;
import java.util.TreeMap;

/**
 * An AWS Chatbot (Amazon Q Developer in chat applications) custom notification for one finding. Every value that
 * came from the log record is shown only through {@link ChatText#code}, so nothing an attacker put in a user
 * agent, session name or resource id can mention a channel, render a link or break the layout.
 */
final class ChatNotification {

    private static final int VALUE_MAX = 200;
    private static final int TITLE_MAX = 120;
    /** Chatbot's threadId is at most 128 characters: the readable part plus '-' and 24 hex digits stay below. */
    static final int THREAD_MAX = 128;
    private static final int THREAD_READABLE_MAX = 64;
    /** Slack's limit for one text block; Chatbot's own limit is not documented. */
    static final int DESCRIPTION_MAX = 3000;

    String render(Finding f) {
        return JsonText.write(g -> {
            g.writeStartObject();
            g.writeStringField("version", "1.0");
            g.writeStringField("source", "custom");
            g.writeStringField("id", f.findingId());
            g.writeObjectFieldStart("content");
            g.writeStringField("textType", "client-markdown");
            g.writeStringField("title", title(f));
            g.writeStringField("description", description(f));
            g.writeArrayFieldStart("nextSteps");
            for (String step : nextSteps(f)) {
                g.writeString(step);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("keywords");
            g.writeString(f.severity().label());
            g.writeString(f.provider());
            for (String t : f.techniques()) {
                g.writeString(ChatText.plain(t, 20));
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeObjectFieldStart("metadata");
            g.writeStringField("threadId", threadId(f));
            g.writeStringField("summary", ChatText.plain(f.rule().title(), TITLE_MAX));
            g.writeStringField("eventType", f.rule().name());
            g.writeObjectFieldStart("additionalContext");
            g.writeStringField("finding_id", f.findingId());
            g.writeStringField("severity", f.severity().label());
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /**
     * One thread per target (or per actor when there is no target), so a burst stays together: a readable prefix
     * (the target's last path segment, letters, digits, '.', '_' and '-' only) and a SHA-256 prefix of provider,
     * account and target. A cut target would put two VMs whose ids share their first 128 characters (long Azure
     * resource ids) in one thread.
     */
    static String threadId(Finding f) {
        String subject = f.target() != null ? "target\n" + f.target()
                : f.actor() != null ? "actor\n" + f.actor() : "finding\n" + f.findingId();
        String key = f.provider() + "\n" + (f.account() == null ? "" : f.account()) + "\n" + subject;
        String hash = java.util.HexFormat.of().formatHex(sha256(key), 0, 12);
        String shown = f.target() != null ? f.target() : f.actor() != null ? f.actor() : "";
        shown = shown.substring(Math.max(shown.lastIndexOf('/'), shown.lastIndexOf(':')) + 1)
                .replaceAll("[^A-Za-z0-9._-]", "");
        shown = shown.substring(0, Math.min(shown.length(), THREAD_READABLE_MAX));
        return shown.isEmpty() ? hash : shown + "-" + hash;
    }

    /** The SHA-256 of {@code s} in UTF-8 (also {@link SnsApi}'s FIFO deduplication id). */
    static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static String title(Finding f) {
        return ChatText.plain(f.severity().label().toUpperCase(java.util.Locale.ROOT) + " - " + f.rule().title(),
                TITLE_MAX);
    }

    static String description(Finding f) {
        StringBuilder b = new StringBuilder(1024);
        line(b, "What", ChatText.code(f.summary(), 300));
        if (f.baseline() != null) {
            // One line on why this one reached a person: what was new, or why it is only routine.
            line(b, "Why", ChatText.code(f.baseline().state() + ": " + f.baseline().why(), 300));
        }
        line(b, "Actor", ChatText.code(f.actor(), VALUE_MAX));
        line(b, "Target", ChatText.code(f.target(), VALUE_MAX));
        line(b, "Source IP", ChatText.code(f.sourceIp(), VALUE_MAX));
        line(b, "Action", ChatText.code(f.event().action(), VALUE_MAX) + " on "
                + ChatText.code(f.event().service(), VALUE_MAX) + " (" + ChatText.plain(f.event().outcome(), 20)
                + ")");
        line(b, "Account / region", ChatText.code(f.account(), 64) + " / " + ChatText.code(f.region(), 64));
        Map<String, String> context = new TreeMap<>(f.context());
        int shown = 0;
        for (Map.Entry<String, String> e : context.entrySet()) {
            if (shown++ == 8) {
                break;
            }
            line(b, e.getKey().replace('_', ' '), ChatText.code(e.getValue(), VALUE_MAX));
        }
        for (String note : f.notes()) {
            line(b, "Note", ChatText.code(note, VALUE_MAX));
        }
        line(b, "ATT&CK", ChatText.plain(String.join(", ", f.techniques()), 60));
        line(b, "Finding", ChatText.code(f.findingId(), 80) + " at " + ChatText.code(f.event().time(), 40));
        if (f.origin() != null) {
            // The event id the Lambda was handed (attacker-influenced like any field): code, so it stays inert.
            line(b, "Origin", ChatText.code(f.origin().file(), 120) + " record " + f.origin().record());
        }
        String text = b.toString().stripTrailing();
        if (text.length() > DESCRIPTION_MAX) {
            // Cut at a line end: a cut inside a code span would leave it open.
            text = text.substring(0, text.lastIndexOf('\n', DESCRIPTION_MAX)) + "\n*(more in the finding)*";
        }
        return text;
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append('*').append(ChatText.plain(label, 40)).append(":* ").append(value).append('\n');
    }

    /** The rule's runbook when it has one (check, confirm, contain), else general first steps. */
    static java.util.List<String> nextSteps(Finding f) {
        Finding.Runbook book = f.rule().runbook();
        if (book != null && !book.steps().isEmpty()) {
            // A user rule's text: made inert like any other, after our own label.
            java.util.List<String> steps = new java.util.ArrayList<>(3);
            step(steps, "Check", book.check());
            step(steps, "Confirm", book.confirm());
            step(steps, "Contain", book.contain());
            return steps;
        }
        return java.util.List.of(
                "Confirm with the actor's owner that this access to the target was expected",
                "Check the source IP and user agent against the actor's usual ones",
                "Search the finding id in your SIEM for the full finding and the rule's responder notes");
    }

    private static void step(java.util.List<String> steps, String label, String text) {
        if (text != null) {
            steps.add(label + ": " + ChatText.plain(text, STEP_MAX));
        }
    }

    /** A next step's text, at most; Chatbot shows them as a list under the description. */
    static final int STEP_MAX = 300;
}
