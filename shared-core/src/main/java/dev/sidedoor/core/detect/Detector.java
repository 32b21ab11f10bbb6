package dev.sidedoor.core.detect;

import dev.sidedoor.core.correlation.Correlations;
import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.read.RecordScreen;
import dev.sidedoor.core.read.TopLevelFields;
import dev.sidedoor.core.sigma.SigmaFilter;
import dev.sidedoor.core.sigma.SigmaRule;
import dev.sidedoor.core.source.Screening;
import dev.sidedoor.core.source.Source;
import dev.sidedoor.core.source.Sources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
    private final Sources sources;
    /** Rule -> the Sigma filters that apply to it (identity: rules do not define equality). */
    private final Map<SigmaRule, List<SigmaFilter>> filtersOf = new java.util.IdentityHashMap<>();
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
        this(rules, correlations, fullCommandText, Sources.BUILT_IN);
    }

    /** @param sources the log sources whose events this detector sees; rules for other sources are not run */
    public Detector(List<SigmaRule> rules, Correlations correlations, boolean fullCommandText, Sources sources) {
        this(rules, correlations, fullCommandText, sources, List.of());
    }

    /** @param filters Sigma filters (from the tuning file): findings they exclude are kept, marked suppressed */
    public Detector(List<SigmaRule> rules, Correlations correlations, boolean fullCommandText, Sources sources,
            List<SigmaFilter> filters) {
        this.sources = sources;
        for (SigmaRule r : rules) {
            List<SigmaFilter> mine = filters.stream().filter(f -> f.appliesTo(r)).toList();
            if (!mine.isEmpty()) {
                filtersOf.put(r, mine);
            }
        }
        this.factory = new FindingFactory(fullCommandText, rules);
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
            List<String> routes = sources.routes(r.logsource());
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
                Finding f = factory.create(rule, event, fields == null ? Map.of() : CapturedFields.of(doc, fields));
                out.add(filtered(rule, doc, f));
            }
        }
        return out == null ? List.of() : out;
    }

    /**
     * The finding, marked suppressed by the first Sigma filter that excludes its event. Filters never drop a
     * finding: the record of what was excluded, and by which filter, is the reviewer's.
     */
    private Finding filtered(SigmaRule rule, EventDocument doc, Finding f) {
        List<SigmaFilter> mine = filtersOf.get(rule);
        if (mine == null) {
            return f;
        }
        for (SigmaFilter filter : mine) {
            if (!filter.keeps(doc)) {
                String reason = "Sigma filter '" + filter.title() + "' (" + filter.source() + ":" + filter.line() + ")"
                        + (filter.description() == null ? "" : ": " + filter.description().strip());
                return f.withSuppression(new Finding.SuppressionRef("sigma-filter:" + filter.id(), reason, null));
            }
        }
        return f;
    }

    /**
     * A screen that passes over records no rule can match, judged on their top-level scalars alone by the source
     * they belong to (see each {@link Source#screening}). A record no source can judge is always built.
     */
    public RecordScreen screen() {
        java.util.function.Function<String, List<SigmaRule>> rulesOf = route -> byRoute.getOrDefault(route, List.of());
        List<Screening> screenings = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Source source : sources.all()) {
            Screening s = source.screening(rulesOf, sources.envelopeKeys());
            if (s != Screening.NONE) {
                screenings.add(s);
                names.addAll(s.fields());
            }
        }
        Screening[] ordered = screenings.toArray(Screening[]::new);
        java.util.Set<String> read = java.util.Set.copyOf(names);
        return new RecordScreen() {
            @Override
            public java.util.Set<String> fields() {
                return read;
            }

            @Override
            public boolean wanted(TopLevelFields fields) {
                return passOver(fields) == null;
            }

            @Override
            public String passOver(TopLevelFields fields) {
                if (fields.undecidable()) {
                    return null;
                }
                for (Screening s : ordered) {
                    int verdict = s.verdict(fields);
                    if (verdict != Screening.NOT_MINE) {
                        return verdict == Screening.WANTED ? null
                                : verdict == Screening.SKIPPED ? s.skipReason(fields) : RecordScreen.NO_RULE;
                    }
                }
                return null;
            }
        };
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
}
