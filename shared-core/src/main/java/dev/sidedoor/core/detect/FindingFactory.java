package dev.sidedoor.core.detect;

import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.event.EventTimes;
import dev.sidedoor.core.finding.AttackTags;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.FindingClips;
import dev.sidedoor.core.finding.FindingIds;
import dev.sidedoor.core.finding.Secrets;
import dev.sidedoor.core.finding.Severity;
import dev.sidedoor.core.finding.Summaries;
import dev.sidedoor.core.sigma.SigmaRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a rule match into a {@link Finding}: id, severity, ATT&amp;CK mapping, summary and context. */
final class FindingFactory {

    private final boolean fullCommandText;
    /** Each rule's runbook, read from its YAML once, before any finding: read-only afterwards, so no lock. */
    private final java.util.Map<SigmaRule, Finding.Runbook> runbooks = new java.util.IdentityHashMap<>();

    /** @param rules the rules whose matches this factory turns into findings */
    FindingFactory(boolean fullCommandText, List<SigmaRule> rules) {
        this.fullCommandText = fullCommandText;
        for (SigmaRule r : rules) {
            Finding.Runbook book = Finding.Runbook.of(r.extra());
            if (book != null) {
                runbooks.put(r, book);
            }
        }
    }

    Finding create(SigmaRule rule, AuditEvent e) {
        return create(rule, e, Map.of());
    }

    /** @param captured record fields kept for correlations ({@code group_by.<field>}), added to the context */
    Finding create(SigmaRule rule, AuditEvent e, Map<String, String> captured) {
        Severity base = rule.level() == null ? Severity.MEDIUM : parseLevel(rule.level());
        List<String> notes = new ArrayList<>(1);
        if (e.time() != null && EventTimes.epochMillis(e.time()) < 0) {
            // OCSF and chat then show when the finding was made, not an invented event time.
            notes.add("event time unparseable: "
                    + Summaries.clean(e.time().length() > 40 ? e.time().substring(0, 40) : e.time()));
        }
        Severity severity = base;
        if (AuditEvent.FAILURE.equals(e.outcome())) {
            severity = base.lower();
            if (severity != base) {
                notes.add("severity lowered: the call failed (" + e.errorCode() + ")");
            }
        }
        String service = awsServiceCaller(e);
        if (service != null && severity != Severity.INFORMATIONAL) {
            severity = Severity.INFORMATIONAL;
            notes.add("severity lowered to informational: the caller is the AWS service " + service
                    + ", not a person");
        } else if ("true".equals(e.context().get("instance_credentials"))) {
            Severity raised = severity.higher();
            if (raised != severity) {
                severity = raised;
                notes.add("severity raised: an instance's own credentials are driving this (session named after "
                        + "an instance)");
            }
        }
        AttackTags attack = AttackTags.of(rule.tags());
        Finding.RuleRef ref = new Finding.RuleRef(rule.id(), rule.name(), rule.title(),
                rule.level() == null ? null : rule.level(), runbooks.get(rule));
        Finding.EventRef event = new Finding.EventRef(e.recordId(), e.time(), e.action(), e.eventSource(),
                e.outcome(), e.errorCode());
        // The summary is made from this context too: it shows command lines, so it must never see their secrets.
        Map<String, String> context = fullCommandText ? e.context() : redacted(e.context(), notes);
        if (!captured.isEmpty()) {
            context = new java.util.LinkedHashMap<>(context);
            context.putAll(captured);
        }
        return FindingClips.clip(new Finding(FindingIds.of(rule.id(), e.provider(), e.eventKey()), ref, severity,
                attack.techniques(), attack.tactics(), e.provider(), event, e.actor(), e.target(), e.sourceIp(), e.account(), e.region(),
                e.userAgent(), Summaries.of(rule.title(), e.actor(), e.target(), e.sourceIp(), context, e.outcome(),
                        e.errorCode()), context, null, notes), FindingClips.MAX_CHARS);
    }

    /** Context with secrets taken out of command text; a note says how many, and how to see them. */
    private static Map<String, String> redacted(Map<String, String> context, List<String> notes) {
        Map<String, String> out = null;
        int count = 0;
        for (String key : Secrets.COMMAND_KEYS) {
            String text = context.get(key);
            if (text == null) {
                continue;
            }
            Secrets.Redacted r = Secrets.redact(text);
            if (r.count() > 0) {
                if (out == null) {
                    out = new java.util.LinkedHashMap<>(context);
                }
                out.put(key, r.text());
                count += r.count();
            }
        }
        if (out == null) {
            return context;
        }
        notes.add(count + " secret(s) in the command text replaced by their SHA-256 prefix; the raw record has "
                + "them (SIDEDOOR_COMMAND_TEXT=full, or scan --command-text full, publishes them)");
        return out;
    }

    /**
     * The AWS service acting on its own account's behalf (State Manager's SendCommand, Inspector's scans): not a
     * person, which is what most of the noise on these APIs is. Null for anyone else.
     */
    static String awsServiceCaller(AuditEvent e) {
        if (!"aws".equals(e.provider())) {
            return null;
        }
        if ("AWSService".equals(e.context().get("actor_type"))) {
            String by = e.context().get("invoked_by");
            return by != null ? by : "(AWSService)";
        }
        String by = e.context().get("invoked_by");
        if (by != null && by.endsWith(".amazonaws.com") && by.equals(e.sourceIp())) {
            return by;
        }
        return null;
    }

    private static Severity parseLevel(String level) {
        try {
            return Severity.parse(level);
        } catch (IllegalArgumentException unknownLevel) {
            return Severity.MEDIUM;
        }
    }
}
