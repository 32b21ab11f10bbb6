package dev.sidedoor.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A batch the function could not process at all: it could not start (a bad setting, a rule that does not
 * compile), or processing failed in a way nobody foresaw. The trigger will checkpoint past the batch whatever
 * happens, so it goes to the dead-letter container whole, with the error, using only the settings the dead-letter
 * container needs. Retrying would fail the same way, so a batch safely written there does not fail the invocation.
 */
final class Unprocessed {

    /** How to reach the dead-letter container without the rest of the function. */
    interface Clients {
        TokenCredential credential(String identityClientId);

        HttpClient http();
    }

    static final Clients AZURE = new Clients() {
        @Override
        public TokenCredential credential(String identityClientId) {
            return AzureClients.managedIdentity(identityClientId);
        }

        @Override
        public HttpClient http() {
            return AzureClients.httpClient();
        }
    };

    private Unprocessed() {
    }

    /**
     * Dead-letters the batch and logs at error level.
     *
     * @param what what went wrong, for the log and the blob: "sidedoor could not start", "processing failed"
     * @throws IllegalStateException when the batch could not be dead-lettered either, so the retry policy runs it
     *                               again
     */
    static void deadLetter(String what, List<String> bodies, List<EventPosition> positions, String invocationId,
            Logger log, RuntimeException cause, Map<String, String> env, Clients clients, Clock clock) {
        String error = FindingPublisher.describe(cause);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("invocation_id", invocationId);
        fields.put("error", error);
        fields.put("eventhub_events", bodies.size());
        fields.put("events", positions.stream().map(p -> (Object) p.label()).toList());
        String blob;
        try {
            DeadLetters deadLetters = new DeadLetters(AzureClients.deadLetterContainer(Config.deadLetterBlobUri(env),
                    Config.deadLetterContainer(env), clients.credential(Config.identityClientId(env)), clients.http()),
                    clock);
            List<BatchProcessor.Unreadable> events = new ArrayList<>(bodies.size());
            for (int i = 0; i < bodies.size(); i++) {
                events.add(new BatchProcessor.Unreadable(positions.get(i), bodies.get(i) == null ? "" : bodies.get(i),
                        0, List.of()));
            }
            blob = deadLetters.unprocessed(invocationId, what + ": " + error, events);
        } catch (RuntimeException e) {
            fields.put("dead_letter_error", FindingPublisher.describe(e));
            BatchLog.error(log, what + "; the batch could not be dead-lettered", fields);
            throw new IllegalStateException(what + " (" + error + ") and the batch of " + bodies.size()
                    + " event(s) could not be dead-lettered: " + FindingPublisher.describe(e), cause);
        }
        fields.put("dead_letter_blob", blob);
        BatchLog.error(log, what + "; the batch was dead-lettered", fields);
    }
}
