package dev.sidedoor.core.finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Bounds the text a finding carries. Every value came from a log record whose author chose its length: a 1 MB user
 * agent must not make the finding too long for SNS (256 KB) or Event Grid (1 MB per event), where the whole message
 * would be refused on every retry. Values are cut with a note saying what was cut and how long it was, so a
 * responder knows to look at the raw record.
 */
public final class FindingClips {

    /** What any value keeps at creation: plenty for a responder, and a bounded finding whatever the record. */
    public static final int MAX_CHARS = 4096;
    /** The smaller caps {@link #fit} tries, in turn, when a rendered finding is still too long. */
    private static final int[] TIGHTER = {1024, 256, 64};
    private static final int MAX_NAMED = 8;

    private FindingClips() {
    }

    /** The finding with every log-derived value cut to {@code maxChars}; the same finding when none is longer. */
    public static Finding clip(Finding f, int maxChars) {
        List<String> cut = new ArrayList<>();
        String actor = cut(f.actor(), "actor", maxChars, cut);
        String target = cut(f.target(), "target", maxChars, cut);
        String ip = cut(f.sourceIp(), "source_ip", maxChars, cut);
        String account = cut(f.account(), "account", maxChars, cut);
        String region = cut(f.region(), "region", maxChars, cut);
        String ua = cut(f.userAgent(), "user_agent", maxChars, cut);
        String summary = cut(f.summary(), "summary", maxChars, cut);
        Finding.EventRef e = f.event();
        Finding.EventRef event = new Finding.EventRef(cut(e.id(), "event.id", maxChars, cut),
                cut(e.time(), "event.time", maxChars, cut), cut(e.action(), "event.action", maxChars, cut),
                cut(e.service(), "event.service", maxChars, cut), e.outcome(),
                cut(e.errorCode(), "event.error_code", maxChars, cut));
        Map<String, String> context = new LinkedHashMap<>();
        for (Map.Entry<String, String> c : f.context().entrySet()) {
            context.put(cut(c.getKey(), "context key", maxChars, cut),
                    cut(c.getValue(), "context." + c.getKey(), maxChars, cut));
        }
        List<String> notes = new ArrayList<>();
        for (String n : f.notes()) {
            notes.add(cut(n, "note", maxChars, cut));
        }
        if (cut.isEmpty()) {
            return f;
        }
        List<String> named = cut.size() > MAX_NAMED ? cut.subList(0, MAX_NAMED) : cut;
        notes.add("clipped to " + maxChars + " characters: " + String.join(", ", named)
                + (cut.size() > MAX_NAMED ? " and " + (cut.size() - MAX_NAMED) + " more" : "")
                + "; the log record has the whole text");
        return new Finding(f.findingId(), f.rule(), f.severity(), f.techniques(), f.tactics(), f.provider(), event,
                actor, target, ip, account, region, ua, summary, context, f.suppression(), notes, f.baseline(), f.origin());
    }

    /**
     * The finding rendered so that it takes at most {@code maxBytes} in UTF-8, its values clipped tighter in turn
     * when the first rendering is too long.
     *
     * @throws IllegalStateException when even the tightest clipping does not fit (the limit is absurdly small)
     */
    public static String fit(Finding f, Function<Finding, String> render, int maxBytes) {
        String text = render.apply(f);
        if (utf8Length(text) <= maxBytes) {
            return text;
        }
        for (int cap : TIGHTER) {
            text = render.apply(clip(f, cap));
            if (utf8Length(text) <= maxBytes) {
                return text;
            }
        }
        throw new IllegalStateException("finding " + f.findingId() + " does not fit in " + maxBytes
                + " bytes even with every value clipped to " + TIGHTER[TIGHTER.length - 1] + " characters");
    }

    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static String cut(String value, String name, int maxChars, List<String> cut) {
        if (value == null || value.length() <= maxChars) {
            return value;
        }
        cut.add(name + " (" + value.length() + ")");
        int end = maxChars;
        // Never split a surrogate pair: half a character is not valid UTF-8.
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "...";
    }
}
