package dev.sidedoor.core.correlation;

import dev.sidedoor.core.finding.AttackTags;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.FindingClips;
import dev.sidedoor.core.finding.FindingIds;
import dev.sidedoor.core.finding.Severity;
import dev.sidedoor.core.finding.Summaries;
import dev.sidedoor.core.sigma.SigmaCorrelation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Makes the finding a correlation gives: the correlation's level and ATT&amp;CK tags, the time and event of the
 * finding that completed it, the actor, target, account... its findings share, and what it counted in context
 * ({@code correlation_type}, {@code correlation_group}, {@code correlation_count}, {@code correlation_window},
 * {@code correlation_findings}, {@code correlation_first}).
 */
final class CorrelatedFindings {

    /** Ids listed in {@code correlation_findings}; a burst of thousands must not make one huge finding. */
    static final int MAX_LISTED = 50;
    /** Provider of a correlation whose findings come from more than one cloud. */
    static final String MULTIPLE = "multiple";

    private CorrelatedFindings() {
    }

    static Finding build(Node node, List<String> group, long count, List<Item> witnesses, Item completing) {
        SigmaCorrelation rule = node.rule();
        List<Finding> parts = new ArrayList<>(witnesses.size());
        for (Item i : witnesses) {
            parts.add(i.finding());
        }
        Finding last = completing.finding();
        String provider = common(parts, Finding::provider);
        provider = provider == null ? MULTIPLE : provider;
        // The id depends only on what was correlated, not on when the scan ran or in which order.
        TreeSet<String> ids = new TreeSet<>();
        parts.forEach(p -> ids.add(p.findingId()));
        String id = FindingIds.of(rule.id(), provider, String.join("\u0000", group) + "\u0001"
                + String.join(",", ids));
        String groupText = groupText(rule.groupBy(), group);
        Map<String, String> context = new LinkedHashMap<>();
        context.put("correlation_type", rule.type().label());
        context.put("correlation_group", groupText);
        context.put("correlation_count", Long.toString(count));
        context.put("correlation_window", rule.timespan());
        context.put("correlation_findings", listed(parts));
        context.put("correlation_first", Objects.toString(parts.isEmpty() ? last.event().time()
                : parts.get(0).event().time(), ""));
        exposeNeeds(node, group, parts, context);
        AttackTags attack = AttackTags.of(rule.tags());
        Severity severity = rule.level() == null ? Severity.MEDIUM : Severity.parse(rule.level());
        Finding.RuleRef ref = new Finding.RuleRef(rule.id(), rule.name(), rule.title(), rule.level(),
                Finding.Runbook.of(rule.extra()));
        String summary = Summaries.clean(rule.title()) + ": " + groupText + " - " + counted(rule, count) + " within "
                + rule.timespan();
        return FindingClips.clip(new Finding(id, ref, severity, attack.techniques(), attack.tactics(), provider,
                last.event(), common(parts, Finding::actor), common(parts, Finding::target),
                common(parts, Finding::sourceIp), common(parts, Finding::account), common(parts, Finding::region),
                common(parts, Finding::userAgent), summary, context, null, List.of(), null, last.origin()),
                FindingClips.MAX_CHARS);
    }

    /**
     * The fields correlations over this one read from its findings: its own group values, and any other field
     * its findings all agree on (a sidedoor field is on the finding already).
     */
    private static void exposeNeeds(Node node, List<String> group, List<Finding> parts, Map<String, String> out) {
        List<String> groupBy = node.rule().groupBy();
        for (String field : node.needs()) {
            int g = groupBy.indexOf(field);
            String v = g >= 0 ? group.get(g)
                    : FindingFields.isOwn(field) ? null : common(parts, f -> FindingFields.value(f, field));
            if (v != null) {
                out.put(FindingFields.PREFIX + field, v);
            }
        }
    }

    private static String counted(SigmaCorrelation rule, long count) {
        int rules = rule.rules().size();
        return switch (rule.type()) {
            case EVENT_COUNT -> count + (count == 1 ? " event" : " events");
            case VALUE_COUNT -> count + " distinct " + Summaries.clean(rule.field());
            case TEMPORAL -> count + " of " + rules + " rules";
            case TEMPORAL_ORDERED -> count + " of " + rules + " rules in order";
        };
    }

    private static String groupText(List<String> names, List<String> values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(Summaries.clean(names.get(i))).append('=').append(Summaries.clean(values.get(i)));
        }
        return b.toString();
    }

    private static String listed(List<Finding> parts) {
        List<String> ids = new ArrayList<>(Math.min(parts.size(), MAX_LISTED));
        for (Finding p : parts.subList(0, Math.min(parts.size(), MAX_LISTED))) {
            ids.add(p.findingId());
        }
        return String.join(",", ids) + (parts.size() > MAX_LISTED
                ? " (+" + (parts.size() - MAX_LISTED) + " more)" : "");
    }

    /** The value every finding has, or null when one lacks it or they differ. */
    private static String common(List<Finding> parts, Function<Finding, String> get) {
        String value = null;
        for (Finding f : parts) {
            String v = get.apply(f);
            if (v == null || value != null && !value.equals(v)) {
                return null;
            }
            value = v;
        }
        return value;
    }
}
