package dev.sidedoor.core.finding;

import java.util.List;
import java.util.Map;

/**
 * One detection: a rule matched one event (or, for Azure, the records of one operation).
 *
 * @param findingId  deterministic: the same rule and the same event always give the same id
 * @param rule       the rule that matched
 * @param severity   the effective severity after outcome and tuning adjustments
 * @param techniques ATT&amp;CK technique ids from the rule's tags, upper-case ("T1021.008", "T1651")
 * @param tactics    ATT&amp;CK tactic names from the rule's tags ("lateral_movement")
 * @param provider   "aws", "azure" or "gcp"
 * @param event      the event's own identity and action
 * @param actor      who did it (ARN, UPN, principal e-mail), or null
 * @param target     the VM or resource acted on, or null
 * @param sourceIp   the caller's address as logged (may be a service name such as ssm.amazonaws.com), or null
 * @param account    AWS account, Azure subscription or GCP project, or null
 * @param region     region or location, or null
 * @param userAgent  the caller's user agent, or null
 * @param summary    one line a person can read, built from escaped-later raw values
 * @param context    what a responder needs: session type, document, OS user, port, MFA, console...
 * @param suppression the tuning suppression that matched, or null when the finding is live
 * @param notes      why severity moved or a suppression did not apply, in plain words
 * @param baseline   how the finding compares with its actor's routine, or null when no baseline was consulted
 * @param origin     where the record behind the finding was read (file, record number, line), or null when unknown
 *                   (a finding read back from an older run, a correlation with no contributing record)
 */
public record Finding(
        String findingId,
        RuleRef rule,
        Severity severity,
        List<String> techniques,
        List<String> tactics,
        String provider,
        EventRef event,
        String actor,
        String target,
        String sourceIp,
        String account,
        String region,
        String userAgent,
        String summary,
        Map<String, String> context,
        SuppressionRef suppression,
        List<String> notes,
        Baseline baseline,
        Origin origin) {

    public Finding {
        techniques = List.copyOf(techniques);
        tactics = List.copyOf(tactics);
        // Sorted, so the finding JSON is the same on every run (Map.copyOf iterates in a per-JVM random order).
        java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>(context);
        if (sorted.containsValue(null)) {
            throw new NullPointerException("context value is null: " + sorted);
        }
        context = java.util.Collections.unmodifiableMap(sorted);
        notes = List.copyOf(notes);
    }

    /** A finding with no known origin. */
    public Finding(String findingId, RuleRef rule, Severity severity, List<String> techniques, List<String> tactics,
            String provider, EventRef event, String actor, String target, String sourceIp, String account,
            String region, String userAgent, String summary, Map<String, String> context,
            SuppressionRef suppression, List<String> notes, Baseline baseline) {
        this(findingId, rule, severity, techniques, tactics, provider, event, actor, target, sourceIp, account,
                region, userAgent, summary, context, suppression, notes, baseline, null);
    }

    /** A finding before any baseline was consulted. */
    public Finding(String findingId, RuleRef rule, Severity severity, List<String> techniques, List<String> tactics,
            String provider, EventRef event, String actor, String target, String sourceIp, String account,
            String region, String userAgent, String summary, Map<String, String> context,
            SuppressionRef suppression, List<String> notes) {
        this(findingId, rule, severity, techniques, tactics, provider, event, actor, target, sourceIp, account,
                region, userAgent, summary, context, suppression, notes, null, null);
    }

    /**
     * Where the record behind a finding was read, so that a person can open the file and find it. Records are
     * numbered per input in reading order, counting every record the reader met (also those it rejected or
     * skipped): in JSON Lines record N is usually line N; in a {@code {"Records":[...]}} file or a top-level array
     * it is the array's Nth element (line is where the element starts, 1 for a one-line file); in a .gz file the
     * numbering and lines are those of the decompressed text.
     *
     * @param file    the input's name as given ("-" for standard input; the Lambda's event id, the Function's
     *                partition and sequence number)
     * @param record  1-based record number in the input
     * @param line    1-based line where the record starts, 0 when unknown
     * @param element the position inside a wrapper nested in that record ("2", or "2.1" two levels down), or null
     * @param raw     the record as read (after unwrapping) when raw records were asked for, or null
     */
    public record Origin(String file, long record, long line, String element, Raw raw) {

        public Origin withRaw(Raw r) {
            return new Origin(file, record, line, element, r);
        }

        /** "file record 12 line 40" for a person. */
        @Override
        public String toString() {
            return file + " record " + record + (element == null ? "" : " element " + element)
                    + (line > 0 ? " line " + line : "");
        }
    }

    /**
     * A record's JSON text as read, at most {@link #MAX_CHARS} characters.
     *
     * @param json       the text: whole JSON when {@code fullChars == json.length()}, else its first characters
     * @param fullChars  the length of the whole text
     */
    public record Raw(String json, long fullChars) {
        public static final int MAX_CHARS = 64 * 1024;

        public static Raw of(String text) {
            return text.length() <= MAX_CHARS ? new Raw(text, text.length())
                    : new Raw(text.substring(0, MAX_CHARS), text.length());
        }

        public boolean clipped() {
            return json.length() < fullChars;
        }
    }

    public Finding withOrigin(Origin o) {
        return new Finding(findingId, rule, severity, techniques, tactics, provider, event, actor, target,
                sourceIp, account, region, userAgent, summary, context, suppression, notes, baseline, o);
    }

    /**
     * Where a finding stands against what its actor routinely does.
     *
     * @param state     "routine" (seen before: lowered to informational), "novel" (something new: kept or raised)
     *                  or "learning" (history still shorter than the learning period)
     * @param novel     what was new, each as "attribute value" ("network 198.51.0.0/16"); empty when routine
     * @param why       one line for a person: why this is routine, or what made it stand out
     * @param person    whom the baseline is kept for (the SSO user or role behind temporary credentials)
     * @param firstSeen first day this person was seen doing this kind of access, ISO date, or null
     * @param lastSeen  last earlier day it was seen, ISO date, or null
     * @param daysSeen  distinct earlier days within the history window
     */
    public record Baseline(String state, List<String> novel, String why, String person, String firstSeen,
            String lastSeen, int daysSeen) {
        public Baseline {
            novel = List.copyOf(novel);
        }
    }

    public Finding withBaseline(Baseline b, Severity newSeverity, String note) {
        List<String> n = new java.util.ArrayList<>(notes);
        if (note != null) {
            n.add(note);
        }
        return new Finding(findingId, rule, newSeverity, techniques, tactics, provider, event, actor, target,
                sourceIp, account, region, userAgent, summary, context, suppression, n, b, origin);
    }

    public boolean suppressed() {
        return suppression != null;
    }

    /**
     * The rule that produced a finding. {@code name} is the rule file's stem, e.g. "aws_ssm_start_session_shell".
     *
     * @param runbook the rule's investigation guide, or null when it has none
     */
    public record RuleRef(String id, String name, String title, String level, Runbook runbook) {
        public RuleRef(String id, String name, String title, String level) {
            this(id, name, title, level, null);
        }
    }

    /**
     * A responder's guide that a rule carries ({@code sidedoor: runbook:} in its Sigma file), each part a sentence
     * or two; any part may be null.
     *
     * @param check   what to look at first
     * @param confirm how to tell an attack from routine work
     * @param contain what to do when it is an attack
     */
    public record Runbook(String check, String confirm, String contain) {
        /** The runbook in a rule's {@code sidedoor: runbook:} block (given the rule's extra keys), or null. */
        public static Runbook of(Map<String, Object> extra) {
            Object block = extra.get("sidedoor");
            if (!(block instanceof Map<?, ?> map) || !(map.get("runbook") instanceof Map<?, ?> book)) {
                return null;
            }
            String check = folded(book.get("check"));
            String confirm = folded(book.get("confirm"));
            String contain = folded(book.get("contain"));
            return check == null && confirm == null && contain == null ? null : new Runbook(check, confirm, contain);
        }

        private static String folded(Object o) {
            return o instanceof String s && !s.isBlank() ? s.strip().replaceAll("\\s+", " ") : null;
        }

        /** The parts that are present, in order, each prefixed with its name ("Check: ..."). */
        public java.util.List<String> steps() {
            java.util.List<String> out = new java.util.ArrayList<>(3);
            if (check != null) {
                out.add("Check: " + check);
            }
            if (confirm != null) {
                out.add("Confirm: " + confirm);
            }
            if (contain != null) {
                out.add("Contain: " + contain);
            }
            return out;
        }
    }

    /**
     * The event behind a finding.
     *
     * @param id        CloudTrail eventID, Azure correlationId/eventDataId, GCP insertId
     * @param time      ISO-8601 instant as logged
     * @param action    eventName, Azure operation name or GCP methodName
     * @param service   eventSource, Azure resource provider or GCP serviceName
     * @param outcome   "success", "failure" or "unknown"
     * @param errorCode errorCode / Azure result / GCP status, when the call failed
     */
    public record EventRef(String id, String time, String action, String service, String outcome, String errorCode) {
    }

    /** The suppression that silenced a finding, with the reason a reviewer wrote. */
    public record SuppressionRef(String id, String reason, String expires) {
    }

    public Finding withSeverity(Severity newSeverity, String note) {
        List<String> n = new java.util.ArrayList<>(notes);
        if (note != null) {
            n.add(note);
        }
        return new Finding(findingId, rule, newSeverity, techniques, tactics, provider, event, actor, target, sourceIp,
                account, region, userAgent, summary, context, suppression, n, baseline, origin);
    }

    public Finding withSuppression(SuppressionRef ref) {
        return new Finding(findingId, rule, severity, techniques, tactics, provider, event, actor, target, sourceIp,
                account, region, userAgent, summary, context, ref, notes, baseline, origin);
    }

    public Finding withNote(String note) {
        return withSeverity(severity, note);
    }
}
