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
 * A batch that arrives while the function cannot start (a bad setting, a rule that does not compile): the trigger
 * will checkpoint past it whatever happens, so it goes to the dead-letter container whole, with the error, using
 * only the settings the dead-letter container needs.
 */
final class StartFailure {

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

    private StartFailure() {
    }

    /** Dead-letters the batch and logs; returns the message for the exception the invocation fails with. */
    static String deadLetter(List<String> bodies, List<EventPosition> positions, String invocationId, Logger log,
            RuntimeException cause, Map<String, String> env, Clients clients, Clock clock) {
        String error = FindingPublisher.describe(cause);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("invocation_id", invocationId);
        fields.put("error", error);
        fields.put("eventhub_events", bodies.size());
        if (!positions.isEmpty()) {
            fields.put("partition", positions.get(0).partition());
            fields.put("first_sequence", positions.get(0).sequenceNumber());
            fields.put("last_sequence", positions.get(positions.size() - 1).sequenceNumber());
        }
        try {
            DeadLetters deadLetters = new DeadLetters(AzureClients.deadLetterContainer(Config.deadLetterBlobUri(env),
                    Config.deadLetterContainer(env), clients.credential(Config.identityClientId(env)), clients.http()),
                    clock);
            List<BatchProcessor.Unreadable> events = new ArrayList<>(bodies.size());
            for (int i = 0; i < bodies.size(); i++) {
                events.add(new BatchProcessor.Unreadable(positions.get(i), bodies.get(i) == null ? "" : bodies.get(i),
                        0, List.of()));
            }
            String blob = deadLetters.unprocessed(invocationId, error, events);
            fields.put("dead_letter_blob", blob);
            BatchLog.error(log, "sidedoor could not start; the batch was dead-lettered", fields);
            return "sidedoor could not start (" + error + "); the batch of " + bodies.size()
                    + " event(s) was dead-lettered to " + blob;
        } catch (RuntimeException e) {
            fields.put("dead_letter_error", FindingPublisher.describe(e));
            BatchLog.error(log, "sidedoor could not start and the batch could not be dead-lettered", fields);
            return "sidedoor could not start (" + error + ") and the batch of " + bodies.size()
                    + " event(s) could not be dead-lettered: " + FindingPublisher.describe(e);
        }
    }
}
