package dev.sidedoor.azure;

import dev.sidedoor.core.baseline.BaselineStore;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * After a table failed, the worker leaves it alone for a while. Under an outage every table call spends its retries
 * (about 7 s when refused, up to about 50 s when nothing answers), and each batch would pay that for the baseline,
 * the ledger and the mark, while the hub's backlog grows: instead the next batches fail open at once, saying why.
 * Shared by the worker's concurrent invocations.
 */
final class Cooldown {

    /** How long a failed table is not tried again. */
    static final Duration PERIOD = Duration.ofSeconds(60);

    private final Clock clock;
    private volatile Instant until = Instant.MIN;
    private volatile String why;

    Cooldown(Clock clock) {
        this.clock = clock;
    }

    /** Why the table is not tried now, or null when it may be. */
    String skipping() {
        Instant u = until;
        return clock.instant().isBefore(u) ? "not tried until " + u + " after: " + why : null;
    }

    void failed(String error) {
        why = error;
        until = clock.instant().plus(PERIOD);
    }

    /** A store that fails every call with {@code why}, so that the core fails open exactly as for a real failure. */
    static BaselineStore unavailable(String why) {
        return (BaselineStore) Proxy.newProxyInstance(BaselineStore.class.getClassLoader(),
                new Class<?>[] {BaselineStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw new BaselineStore.UnavailableException(why, null);
                });
    }
}
