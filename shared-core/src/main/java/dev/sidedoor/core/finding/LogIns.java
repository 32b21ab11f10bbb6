package dev.sidedoor.core.finding;

import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.event.EventTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds the steps of one log-in into one finding. A GCP OS Login log-in writes several records minutes apart: the
 * guest's policy checks ({@code CheckPolicy LOGIN}, {@code CheckPolicy ADMIN_LOGIN}) and, with 2-step verification,
 * {@code StartSession} and one {@code ContinueSession} per challenge. Each matches the log-in rule on its own; a
 * responder wants one finding that says how the log-in ended. Steps belong together when the same rule matched them
 * for the same principal, VM and project with no more than {@link #MAX_GAP} between consecutive steps, and a step
 * that a log-in makes once (a policy check, a session start) starts a new log-in when it repeats.
 *
 * <p>The folded finding keeps the id of its earliest step, so the same records give the same id on every run; its
 * context lists the steps and their record ids, so nothing folded is lost. Only steps that arrive together (one
 * scan, one batch) can be folded.
 */
public final class LogIns {

    /** Context key the normaliser sets on each log-in step: the method, and its answer ("CheckPolicy LOGIN granted"). */
    public static final String STEP = AuditEvent.LOGIN_STEP;
    /** Context key of the folded finding: how the log-in ended, in words. */
    public static final String OUTCOME = "login_outcome";
    static final String STEPS = "login_steps";
    static final String RECORDS = "login_records";
    static final String ADMIN = "admin_rights";

    /** Longest pause between two steps of one log-in: a user reading a code from a phone, not a second visit. */
    static final Duration MAX_GAP = Duration.ofMinutes(5);
    private static final int MAX_LISTED = 12;

    private LogIns() {
    }

    /**
     * The findings with every log-in's steps folded into one finding, which takes the place of its earliest step.
     *
     * @param findings in any order; those without {@link #STEP} in their context pass through unchanged
     * @param folded   steps folded into an earlier one (not counted as findings of their own)
     */
    public record Assembled(List<Finding> findings, long folded) {
    }

    public static Assembled assemble(List<Finding> findings) {
        Map<Key, List<Finding>> byKey = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (f.context().containsKey(STEP)) {
                byKey.computeIfAbsent(Key.of(f), k -> new ArrayList<>()).add(f);
            }
        }
        if (byKey.isEmpty()) {
            return new Assembled(findings, 0);
        }
        Map<Finding, Finding> replacement = new IdentityHashMap<>();
        Set<Finding> foldedAway = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (List<Finding> steps : byKey.values()) {
            for (List<Finding> login : split(steps)) {
                Finding first = login.get(0);
                replacement.put(first, fold(login));
                foldedAway.addAll(login.subList(1, login.size()));
            }
        }
        List<Finding> out = new ArrayList<>(findings.size() - foldedAway.size());
        // The folded finding replaces its earliest step, wherever that step was in the input order.
        for (Finding f : findings) {
            if (foldedAway.contains(f)) {
                continue;
            }
            Finding r = replacement.get(f);
            out.add(r != null ? r : f);
        }
        return new Assembled(out, foldedAway.size());
    }

    /** Who logged in to what: steps of one log-in share all of these. */
    private record Key(String ruleId, String provider, String actor, String target, String account) {
        static Key of(Finding f) {
            return new Key(f.rule().id(), f.provider(), f.actor(), f.target(), f.account());
        }
    }

    /** Steps in time order cut into log-ins; a step whose time does not parse is a log-in of its own. */
    static List<List<Finding>> split(List<Finding> steps) {
        Map<Finding, Instant> times = new IdentityHashMap<>();
        for (Finding f : steps) {
            times.put(f, parse(f.event().time()));
        }
        List<Finding> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparing((Finding f) -> times.get(f), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Finding::findingId));
        List<List<Finding>> logins = new ArrayList<>();
        List<Finding> current = null;
        Set<String> once = new HashSet<>();
        Instant last = null;
        for (Finding f : sorted) {
            Instant t = times.get(f);
            String kind = onceKind(f.context().get(STEP));
            boolean fresh = current == null || t == null || last == null
                    || Duration.between(last, t).compareTo(MAX_GAP) > 0
                    || kind != null && once.contains(kind);
            if (fresh) {
                current = new ArrayList<>();
                logins.add(current);
                once.clear();
            }
            current.add(f);
            if (kind != null) {
                once.add(kind);
            }
            last = t;
        }
        return logins;
    }

    /** The steps a log-in makes once: each policy check, and the start of a 2-step session. */
    private static String onceKind(String step) {
        if (step.startsWith("CheckPolicy ")) {
            int end = step.lastIndexOf(' ');
            return end > "CheckPolicy".length() ? step.substring(0, end) : step;
        }
        return step.startsWith("StartSession") ? "StartSession" : null;
    }

    private static Instant parse(String time) {
        long millis = EventTimes.epochMillis(time);
        return millis < 0 ? null : Instant.ofEpochMilli(millis);
    }

    /** How a log-in ended, the word for it, and the step that decided it. */
    private record Ending(String outcome, String words, Finding decisive) {
    }

    static Ending ending(List<Finding> login) {
        Finding loginCheck = null;
        Finding adminCheck = null;
        Finding session = null;
        for (Finding f : login) {
            String step = f.context().get(STEP);
            if (step.startsWith("CheckPolicy LOGIN ")) {
                // A refusal anywhere in the log-in decides it; otherwise the last word counts.
                if (loginCheck == null || !failed(loginCheck)) {
                    loginCheck = f;
                }
            } else if (step.startsWith("CheckPolicy ADMIN_LOGIN ")) {
                adminCheck = f;
            } else if (step.startsWith("StartSession") || step.startsWith("ContinueSession")) {
                session = f;
            }
        }
        if (loginCheck != null && failed(loginCheck)) {
            return new Ending(AuditEvent.FAILURE, "denied", loginCheck);
        }
        if (session != null && failed(session)) {
            String status = session.context().get("two_factor_status");
            String words = "NO_AVAILABLE_CHALLENGES".equals(status)
                    ? "denied: no 2-step verification method available"
                    : session.context().get(STEP).startsWith("StartSession")
                            ? "denied at 2-step verification (" + status + ")"
                            : "2-step challenge failed (" + status + ")";
            return new Ending(AuditEvent.FAILURE, words, session);
        }
        if (session != null && AuditEvent.IN_PROGRESS.equals(session.event().outcome())) {
            return new Ending(AuditEvent.IN_PROGRESS, "2-step challenge pending ("
                    + session.context().get("two_factor_status") + ")", session);
        }
        boolean verified = session != null && AuditEvent.SUCCESS.equals(session.event().outcome());
        boolean admin = adminCheck != null && !failed(adminCheck);
        String adminWords = admin ? ", with admin rights" : "";
        if (loginCheck != null && AuditEvent.SUCCESS.equals(loginCheck.event().outcome())) {
            return new Ending(AuditEvent.SUCCESS, "granted" + (verified ? " after 2-step verification" : "")
                    + adminWords, loginCheck);
        }
        if (verified) {
            return new Ending(AuditEvent.SUCCESS, "2-step verification passed" + adminWords, session);
        }
        if (adminCheck != null) {
            return admin ? new Ending(AuditEvent.SUCCESS, "admin rights granted", adminCheck)
                    : new Ending(AuditEvent.FAILURE, "admin rights refused", adminCheck);
        }
        Finding any = session != null ? session : login.get(login.size() - 1);
        return new Ending(any.event().outcome(), "outcome not logged", any);
    }

    private static boolean failed(Finding f) {
        return AuditEvent.FAILURE.equals(f.event().outcome());
    }

    static Finding fold(List<Finding> login) {
        Finding first = login.get(0);
        Ending end = ending(login);
        Finding d = end.decisive();
        Map<String, String> context = new HashMap<>();
        List<String> steps = new ArrayList<>();
        Set<String> records = new LinkedHashSet<>();
        Set<String> notes = new LinkedHashSet<>();
        String ip = d.sourceIp();
        String ua = d.userAgent();
        for (Finding f : login) {
            context.putAll(f.context());
            if (steps.size() < MAX_LISTED) {
                steps.add(f.context().get(STEP) + (f.event().time() == null ? "" : " at " + f.event().time()));
            }
            if (f.event().id() != null && records.size() < MAX_LISTED) {
                records.add(f.event().id());
            }
            ip = ip != null ? ip : f.sourceIp();
            ua = ua != null ? ua : f.userAgent();
        }
        if (login.size() > MAX_LISTED) {
            steps.add("... " + (login.size() - MAX_LISTED) + " more");
        }
        notes.addAll(d.notes());
        context.putAll(d.context());
        context.remove(STEP);
        context.put(OUTCOME, end.words());
        context.put(STEPS, String.join("; ", steps));
        context.put(RECORDS, String.join(",", records));
        for (Finding f : login) {
            String step = f.context().get(STEP);
            if (step.startsWith("CheckPolicy ADMIN_LOGIN ")) {
                context.put(ADMIN, failed(f) ? "refused" : "granted");
            }
        }
        if (login.size() > 1) {
            notes.add(login.size() + " records of one log-in folded into this finding");
        }
        String errorCode = AuditEvent.FAILURE.equals(end.outcome()) ? d.event().errorCode() : null;
        Finding.EventRef event = new Finding.EventRef(first.event().id(), first.event().time(), d.event().action(),
                d.event().service(), end.outcome(), errorCode);
        String summary = Summaries.of(first.rule().title(), first.actor(), first.target(), ip, context,
                end.outcome(), errorCode);
        return new Finding(first.findingId(), first.rule(), d.severity(), first.techniques(), first.tactics(),
                first.provider(), event, first.actor(), first.target(), ip, first.account(), d.region() != null
                        ? d.region() : first.region(), ua, summary, context, null, new ArrayList<>(notes), null, first.origin());
    }
}
