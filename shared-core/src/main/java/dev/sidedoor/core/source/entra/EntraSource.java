package dev.sidedoor.core.source.entra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.read.JsonTrees;
import dev.sidedoor.core.sigma.LogSource;
import dev.sidedoor.core.sigma.SigmaRule;
import dev.sidedoor.core.source.Screening;
import dev.sidedoor.core.source.Source;
import java.util.List;
import java.util.function.Function;

/**
 * Microsoft Entra ID sign-in logs (interactive and non-interactive user, service principal and managed identity
 * sign-ins) and audit logs, as a diagnostic setting sends them to an Event Hub or a storage account
 * ({@code {"records":[...]}} with {@code category} SignInLogs, NonInteractiveUserSignInLogs... and the sign-in in
 * {@code properties}), as Log Analytics exports them (PascalCase columns, {@code Type} SigninLogs, AADNon...),
 * and as Microsoft Graph returns them ({@code signIn} and {@code directoryAudit} resources). Routed to Sigma's
 * {@code product: azure} services {@code signinlogs} and {@code auditlogs}. These records share the Activity Log's
 * Event Hub and shape (operationName, category, time), so this source comes before the Activity Log's.
 */
public final class EntraSource implements Source {

    static final String SIGNIN = "signinlogs";
    static final String AUDIT = "auditlogs";
    static final String PROVIDER = "entra";

    @Override
    public String name() {
        return "entra-id";
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public String displayName() {
        return "Microsoft Entra ID";
    }

    @Override
    public boolean recognises(JsonNode record) {
        return EntraNormalizer.kind(record) != null;
    }

    @Override
    public AuditEvent normalize(JsonNode record, JsonTrees trees) {
        return new EntraNormalizer(trees).normalize(record);
    }

    @Override
    public List<String> routes(LogSource ls) {
        if (!"azure".equals(ls.product())) {
            return List.of();
        }
        if (ls.service() == null) {
            return List.of(PROVIDER + "/" + SIGNIN, PROVIDER + "/" + AUDIT);
        }
        return switch (ls.service()) {
            case SIGNIN -> List.of(PROVIDER + "/" + SIGNIN);
            case AUDIT -> List.of(PROVIDER + "/" + AUDIT);
            default -> List.of();
        };
    }

    @Override
    public Screening screening(Function<String, List<SigmaRule>> rulesOfRoute, java.util.Set<String> envelopeKeys) {
        return new EntraScreening(rulesOfRoute.apply(PROVIDER + "/" + SIGNIN).isEmpty(),
                rulesOfRoute.apply(PROVIDER + "/" + AUDIT).isEmpty(), envelopeKeys);
    }

    /**
     * Whether a diagnostic-settings {@code category} is one of Entra ID's sign-in or audit log categories: the
     * Activity Log leaves those records to this source.
     */
    public static boolean isEntraCategory(String category) {
        return EntraNormalizer.serviceOfCategory(category) != null;
    }
}
