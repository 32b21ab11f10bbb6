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
    private final StartFailure.Clients startFailureClients;

    /** Where the handler comes from: the environment in Azure, a prepared one in tests. */
    interface HandlerSource {
        BatchHandler get();
    }

    /** Used by the Functions worker. */
    public ActivityLogFunction() {
        this(ActivityLogFunction::sharedHandler, System.getenv(), StartFailure.AZURE);
    }

    ActivityLogFunction(HandlerSource source, Map<String, String> env, StartFailure.Clients startFailureClients) {
        this.source = source;
        this.env = env;
        this.startFailureClients = startFailureClients;
    }

    /**
     * One batch of Event Hubs events. The retry policy re-runs a batch in-process when this throws, which it does
     * only when a dead letter could not be written or the function cannot start; the trigger's checkpoint moves on
     * after the last retry either way.
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
            throw new IllegalStateException(StartFailure.deadLetter(bodies, positions, context.getInvocationId(),
                    context.getLogger(), e, env, startFailureClients, Clock.systemUTC()), e);
        }
        handler.handle(bodies, positions, context.getInvocationId(), context.getLogger());
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
