package dev.sidedoor.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.Cardinality;
import com.microsoft.azure.functions.annotation.EventHubTrigger;
import com.microsoft.azure.functions.annotation.ExponentialBackoffRetry;
import com.microsoft.azure.functions.annotation.FunctionName;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The Azure Functions entry point: batches of Activity Log documents from Event Hubs in, findings out to Event Grid.
 * It stays thin; {@link BatchHandler} does the work. Rules, tuning and clients are built once per worker, on the
 * first batch, and shared by every invocation (the worker may create this class once per call).
 *
 * <p>Settings: the trigger reads {@code SIDEDOOR_EVENTHUB__fullyQualifiedNamespace} (identity-based connection),
 * {@code SIDEDOOR_EVENTHUB_NAME} and {@code SIDEDOOR_EVENTHUB_CONSUMER_GROUP}; the function reads {@link Config}.
 */
public class ActivityLogFunction {

    static final String NAME = "sidedoor";

    private static BatchHandler shared;

    private final HandlerSource source;
    private final Map<String, String> env;
    private final Unprocessed.Clients unprocessedClients;

    /** Where the handler comes from: the environment in Azure, a prepared one in tests. */
    interface HandlerSource {
        BatchHandler get();
    }

    /** Used by the Functions worker. */
    public ActivityLogFunction() {
        this(ActivityLogFunction::sharedHandler, System.getenv(), Unprocessed.AZURE);
    }

    ActivityLogFunction(HandlerSource source, Map<String, String> env, Unprocessed.Clients unprocessedClients) {
        this.source = source;
        this.env = env;
        this.unprocessedClients = unprocessedClients;
    }

    /**
     * One batch of Event Hubs events. The retry policy re-runs a batch in-process when this throws, which it does
     * only when a dead letter could not be written; the trigger's checkpoint moves on after the last retry either
     * way. A batch that cannot be processed at all (the function cannot start) is dead-lettered whole instead.
     */
    @FunctionName(NAME)
    @ExponentialBackoffRetry(maxRetryCount = 3, minimumInterval = "00:00:05", maximumInterval = "00:01:00")
    public void run(
            @EventHubTrigger(name = "events", eventHubName = "%SIDEDOOR_EVENTHUB_NAME%",
                    consumerGroup = "%SIDEDOOR_EVENTHUB_CONSUMER_GROUP%", connection = "SIDEDOOR_EVENTHUB",
                    cardinality = Cardinality.MANY, dataType = "string") String[] events,
            @BindingName("PartitionContext") Map<String, Object> partitionContext,
            @BindingName("SystemPropertiesArray") Map<String, Object>[] systemProperties,
            ExecutionContext context) {
        List<String> bodies = events == null ? List.of() : Arrays.asList(events);
        List<EventPosition> positions = new ArrayList<>(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            positions.add(EventPosition.of(partitionContext, systemProperties, i));
        }
        BatchHandler handler;
        try {
            handler = source.get();
        } catch (RuntimeException e) {
            Unprocessed.deadLetter("sidedoor could not start", bodies, positions, context.getInvocationId(),
                    context.getLogger(), e, env, unprocessedClients, Clock.systemUTC());
            return;
        }
        try {
            handler.handle(bodies, positions, context.getInvocationId(), context.getLogger());
        } catch (DeadLetters.DeadLetterException e) {
            throw e;
        } catch (RuntimeException e) {
            // A record shape nobody foresaw costs only itself inside the core; this is the net beneath that.
            Unprocessed.deadLetter("processing failed", bodies, positions, context.getInvocationId(),
                    context.getLogger(), e, env, unprocessedClients, Clock.systemUTC());
        }
    }

    private static synchronized BatchHandler sharedHandler() {
        // Not a static initialiser: a bad setting must fail each batch with its message (and dead-letter it), not
        // turn into a NoClassDefFoundError that hides the cause from the second batch on.
        if (shared == null) {
            shared = BatchHandler.fromEnvironment(System.getenv(), Clock.systemUTC());
        }
        return shared;
    }
}
