package dev.sidedoor.azure;

import com.azure.core.models.CloudEvent;
import java.util.List;

/**
 * CloudEvents written into a log line when neither Event Grid nor the dead-letter container took them, capped so
 * one line stays within what Application Insights keeps (32 KB a trace).
 */
final class LastResort {

    static final int MAX_CHARS = 24_000;

    private LastResort() {
    }

    static String cloudEvents(List<CloudEvent> events) {
        StringBuilder b = new StringBuilder("[");
        int written = 0;
        for (CloudEvent e : events) {
            String json = DeadLetters.json(e);
            if (b.length() + json.length() + 1 > MAX_CHARS) {
                break;
            }
            b.append(written == 0 ? "" : ",").append(json);
            written++;
        }
        b.append(']');
        if (written < events.size()) {
            b.append(" (").append(events.size() - written).append(" more not logged: see finding_ids)");
        }
        return b.toString();
    }
}
