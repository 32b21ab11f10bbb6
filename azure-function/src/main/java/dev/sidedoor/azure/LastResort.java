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
            List<String> texts = new ArrayList<>();
            int start = 0;
            while (start < json.length()) {
                int end = start;
                int escaped = 0;
                // The piece is written as a JSON string in the log line: count it as escaped, not as it is.
                while (end < json.length()) {
                    int w = escapedWidth(json.charAt(end));
                    if (escaped + w > MAX_CHARS) {
                        break;
                    }
                    escaped += w;
                    end++;
                }
                // A surrogate pair split across two lines would be replaced by '?' in each.
                if (end < json.length() && end > start + 1 && Character.isHighSurrogate(json.charAt(end - 1))) {
                    end--;
                }
                texts.add(json.substring(start, end));
                start = end;
            }
            for (int i = 0; i < texts.size(); i++) {
                out.add(new Piece(e.getId(), i + 1, texts.size(), texts.get(i)));
            }
        }
        return out;
    }

    /**
     * Characters a JSON writer may use for one character: quotes and backslashes doubled, control and non-ASCII
     * characters as six-character escapes.
     */
    private static int escapedWidth(char c) {
        if (c == '"' || c == '\\') {
            return 2;
        }
        return c < 0x20 || c >= 0x7f ? 6 : 1;
    }
}
