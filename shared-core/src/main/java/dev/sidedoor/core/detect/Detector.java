package dev.sidedoor.core.detect;

import dev.sidedoor.core.correlation.Correlations;
import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.read.RecordScreen;
import dev.sidedoor.core.read.TopLevelFields;
import dev.sidedoor.core.sigma.LogSource;
import dev.sidedoor.core.sigma.SigmaRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates compiled Sigma rules on normalised events. Each rule is routed once, at construction, to the log
 * source its {@code logsource} names, so an event only meets the rules written for it. Thread-safe.
 */
public final class Detector {

    private final List<SigmaRule> rules;
    private final Map<String, List<SigmaRule>> byRoute = new HashMap<>();
    private final List<SigmaRule> unrouted = new ArrayList<>();
    private final FindingFactory factory;
    /** Rule name -> names of the more specific rules whose finding makes it redundant for the same operation. */
    private final Map<String, java.util.Set<String>> supersededBy = new HashMap<>();

    /** Rule -> the fields its findings carry for correlations (identity: rules do not define equality). */
    private final Map<SigmaRule, List<String>> capture = new java.util.IdentityHashMap<>();

    public Detector(List<SigmaRule> rules) {
        this(rules, false);
    }

    /** @param fullCommandText keep secrets in command text (see {@link dev.sidedoor.core.finding.Secrets}) */
    public Detector(List<SigmaRule> rules, boolean fullCommandText) {
        this(rules, Correlations.NONE, fullCommandText);
    }

    /**
     * @param correlations the correlation rules that will run on this detector's findings: the findings of the
     *                     rules they refer to carry the fields they group by
     */
    public Detector(List<SigmaRule> rules, Correlations correlations, boolean fullCommandText) {
        this.factory = new FindingFactory(fullCommandText);
        this.rules = List.copyOf(rules);
        for (SigmaRule r : this.rules) {
            List<String> fields = correlations.fieldsToCapture(r);
            if (!fields.isEmpty()) {
                capture.put(r, fields);
            }
        }
        for (SigmaRule r : this.rules) {
            for (String general : Supersedes.of(r)) {
                supersededBy.computeIfAbsent(general, k -> new java.util.HashSet<>()).add(r.name());
            }
        }
        for (SigmaRule r : this.rules) {
            List<String> routes = Routes.of(r.logsource());
            if (routes.isEmpty()) {
                unrouted.add(r);
            }
            for (String route : routes) {
                byRoute.computeIfAbsent(route, k -> new ArrayList<>()).add(r);
            }
        }
    }

    /** Findings for one event, one per matching rule, before tuning. */
    public List<Finding> detect(AuditEvent event) {
        List<SigmaRule> candidates = byRoute.get(event.provider() + "/" + event.service());
        if (candidates == null) {
            return List.of();
        }
        EventDocument doc = new EventDocument(event);
        List<Finding> out = null;
        for (SigmaRule rule : candidates) {
            if (rule.matches(doc)) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                List<String> fields = capture.get(rule);
                out.add(factory.create(rule, event, fields == null ? Map.of() : CapturedFields.of(doc, fields)));
            }
        }
        return out == null ? List.of() : out;
    }

    /**
     * A screen that passes over records no rule can match, judged on their top-level scalars alone:
     * <ul>
     * <li>plain CloudTrail records, on the fields the AWS rules read (eventSource, eventName...);</li>
     * <li>Azure Activity Log records in the diagnostic-settings shape, on their operationName alone. Every record
     * of one operation carries the same operationName, so an operation is built whole or not at all, and the
     * records a finding is settled from (outcome, caller IP) are never passed over.</li>
     * </ul>
     * Anything else (envelopes, REST-shaped Azure records, GCP, records whose rules read nested fields to decide)
     * is always built.
     */
    public RecordScreen screen() {
        List<SigmaRule> aws = byRoute.getOrDefault("aws/cloudtrail", List.of());
        SigmaRule[] candidates = aws.toArray(SigmaRule[]::new);
        java.util.Set<String> names = new java.util.HashSet<>(ENVELOPE_KEYS);
        names.add("eventSource");
        names.add("eventName");
        names.addAll(AZURE_KEYS);
        names.addAll(FieldProbe.topLevelFieldsRead(aws));
        java.util.Set<String> read = java.util.Set.copyOf(names);
        String[] order = read.stream().sorted().toArray(String[]::new);
        // Shared by every scan of this detector, bounded; keys are whole field lists, so values cannot collide.
        java.util.concurrent.ConcurrentHashMap<String, Boolean> decided =
                new java.util.concurrent.ConcurrentHashMap<>();
        // Azure answers per route, keyed by the operation name as read: no key to build for each record.
        Map<String, java.util.concurrent.ConcurrentHashMap<String, Boolean>> azureDecided = new HashMap<>();
        for (String service : List.of("activitylogs", "signinlogs", "auditlogs")) {
            azureDecided.put(service, new java.util.concurrent.ConcurrentHashMap<>());
        }
        return new RecordScreen() {
            @Override
            public java.util.Set<String> fields() {
                return read;
            }

            @Override
            public boolean wanted(TopLevelFields fields) {
                if (fields.undecidable()) {
                    return true;
                }
                if (isAzureExport(fields)) {
                    return azureWanted(fields, azureDecided);
                }
                if (!isPlainCloudTrail(fields)) {
                    return true;
                }
                // The answer depends only on the fields read, which repeat endlessly (eventSource, eventName).
                String key = fields.key(order);
                Boolean known = decided.get(key);
                if (known != null) {
                    return known;
                }
                TopLevelDocument doc = new TopLevelDocument(fields, read);
                boolean any = false;
                for (SigmaRule r : candidates) {
                    if (r.mayMatch(doc)) {
                        any = true;
                        break;
                    }
                }
                if (decided.size() < MAX_DECISIONS) {
                    decided.put(key, any);
                }
                return any;
            }
        };
    }

    /** Distinct screening answers remembered per detector; beyond this they are worked out each time. */
    private static final int MAX_DECISIONS = 4096;

    /** Top-level keys by which the normaliser recognises an Azure record, besides operationName. */
    private static final List<String> AZURE_KEYS = dev.sidedoor.core.event.Normalizer.azureRecordKeys();

    /**
     * An Azure record the normaliser will read as the diagnostic-settings export: operationName a string (the
     * REST shape has an object there), a category that is a string or absent, one of the keys the normaliser
     * recognises Azure by, and none that make it an envelope or a GCP record.
     */
    private static boolean isAzureExport(TopLevelFields f) {
        if (f.text("operationName") == null || f.isContainer("category")
                || f.has("category") && f.text("category") == null) {
            return false;
        }
        for (String k : ENVELOPE_KEYS) {
            if (!k.equals("operationName") && f.has(k)) {
                return false;
            }
        }
        for (String k : AZURE_KEYS) {
            if (f.has(k)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any rule of the record's Azure route may match its operationName, whatever the other fields hold. */
    private boolean azureWanted(TopLevelFields f,
            Map<String, java.util.concurrent.ConcurrentHashMap<String, Boolean>> decidedByRoute) {
        String service = dev.sidedoor.core.event.Normalizer.azureService(f.text("category"));
        String op = f.text("operationName");
        java.util.concurrent.ConcurrentHashMap<String, Boolean> decided = decidedByRoute.get(service);
        Boolean known = decided.get(op);
        if (known != null) {
            return known;
        }
        List<SigmaRule> rules = byRoute.getOrDefault("azure/" + service, List.of());
        OperationNameDocument doc = new OperationNameDocument(f.scalar("operationName"));
        // Siblings are grouped by operationName in any case; a rule that tells case apart could match one sibling
        // and not the one that settles the finding, so a route with such a rule is never screened.
        boolean any = rules.stream().anyMatch(r -> r.testsCaseSensitively("operationName") || r.mayMatch(doc));
        if (decided.size() < MAX_DECISIONS) {
            decided.put(op, any);
        }
        return any;
    }

    /** Keys that make a record something other than a plain CloudTrail record (an envelope, Azure, GCP). */
    private static final List<String> ENVELOPE_KEYS = List.of("operationName", "protoPayload", "detail-type",
            "CloudTrailEvent", "Records", "records", "Events", "entries", "value", "evt");

    /** The same test the normaliser applies, and none of the envelope keys the unwrapper looks for. */
    private static boolean isPlainCloudTrail(TopLevelFields f) {
        String source = f.text("eventSource");
        if (source == null || !source.endsWith(".amazonaws.com") || f.text("eventName") == null) {
            return false;
        }
        for (String k : ENVELOPE_KEYS) {
            if (f.has(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The rules that, declaring {@code sidedoor: supersedes: [name]}, make this rule's finding redundant when
     * they match the same operation (a CustomScript extension finding over the generic extension-write one).
     */
    public java.util.Set<String> supersededBy(String ruleName) {
        return supersededBy.getOrDefault(ruleName, java.util.Set.of());
    }

    /** Whether any rule declares that it supersedes another. */
    public boolean hasSupersessions() {
        return !supersededBy.isEmpty();
    }

    public List<SigmaRule> rules() {
        return rules;
    }

    /** The rules CloudTrail records are evaluated against (logsource product aws, service cloudtrail or none). */
    public List<SigmaRule> cloudTrailRules() {
        return List.copyOf(byRoute.getOrDefault("aws/cloudtrail", List.of()));
    }

    /** Rules whose log source is not one sidedoor reads (Okta, M365, Google Workspace...): loaded, never run. */
    public List<SigmaRule> unroutedRules() {
        return List.copyOf(unrouted);
    }

    /** Maps a Sigma logsource to the provider/service keys of {@link AuditEvent}. */
    static final class Routes {
        private Routes() {
        }

        static List<String> of(LogSource ls) {
            if (ls == null || ls.product() == null) {
                return List.of();
            }
            String product = ls.product().toLowerCase(Locale.ROOT);
            String service = ls.service() == null ? null : ls.service().toLowerCase(Locale.ROOT);
            switch (product) {
                case "aws":
                    return service == null || service.equals("cloudtrail") ? List.of("aws/cloudtrail") : List.of();
                case "azure":
                    if (service == null) {
                        return List.of("azure/activitylogs", "azure/signinlogs", "azure/auditlogs");
                    }
                    return switch (service) {
                        case "activitylogs", "azureactivity" -> List.of("azure/activitylogs");
                        case "signinlogs" -> List.of("azure/signinlogs");
                        case "auditlogs" -> List.of("azure/auditlogs");
                        default -> List.of();
                    };
                case "gcp":
                    return service == null || service.equals("gcp.audit") ? List.of("gcp/gcp.audit") : List.of();
                default:
                    return List.of();
            }
        }
    }
}
