package dev.sidedoor.azure;

import com.azure.core.models.CloudEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * CloudEvents written into the log when neither Event Grid nor the dead-letter container took them: the last copy
 * there is. Application Insights keeps 32 KB of a trace, so each event is cut into pieces that fit, numbered, to
 * be joined back in order; every event is logged whole, however long.
 */
final class LastResort {

    static final int MAX_CHARS = 24_000;

    /** One log line's share of one CloudEvent's JSON: join {@code text} of parts 1..parts of a finding, in order. */
    record Piece(String eventId, int part, int parts, String text) {
    }

    private LastResort() {
    }

    static List<Piece> pieces(List<CloudEvent> events) {
        List<Piece> out = new ArrayList<>();
        for (CloudEvent e : events) {
            String json = DeadLetters.json(e);
            int parts = Math.max(1, (json.length() + MAX_CHARS - 1) / MAX_CHARS);
            for (int i = 0; i < parts; i++) {
                int start = i * MAX_CHARS;
                int end = Math.min(json.length(), start + MAX_CHARS);
                // A surrogate pair split across two lines would be replaced by '?' in each.
                if (end < json.length() && Character.isHighSurrogate(json.charAt(end - 1))) {
                    end--;
                }
                if (i > 0 && Character.isLowSurrogate(json.charAt(start))) {
                    start--;
                }
                out.add(new Piece(e.getId(), i + 1, parts, json.substring(start, end)));
            }
        }
        return out;
    }
}
