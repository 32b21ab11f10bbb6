package dev.sidedoor.core.baseline;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.Severity;
import dev.sidedoor.core.sigma.SigmaRule;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Learns each person's routine and judges findings against it. For every finding it records, per person and rule
 * family, the days on which each attribute value (network block, client, target...) was seen; then it compares
 * the finding with the days strictly before its own (event time), within the history window:
 * <ul>
 * <li>everything seen before on enough days: <b>routine</b>, lowered to informational with a note saying why;</li>
 * <li>something new: <b>novel</b>, kept at the rule's level with a note naming what was new; a new identity, or
 * several strong novelties at once, raise it one step;</li>
 * <li>while the history is younger than the learning period: <b>learning</b>, judged the same way but never
 * raised.</li>
 * </ul>
 * Because a finding is judged only on earlier days, an intruder's own burst never makes itself routine, the order
 * in which records arrive does not matter, one scan of a month equals a scan per day with the same store, and a
 * rescan adds nothing. Nothing is dropped: every finding comes back, with its {@link Finding.Baseline}.
 */
public final class Baselines {

    /**
     * How baselining behaves; the tuning file's {@code baseline:} section.
     *
     * @param learningDays  days of history before novelty can raise a finding
     * @param historyDays   how far back history counts (and is kept)
     * @param routineDays   distinct earlier days an attribute must have been seen on to be routine
     * @param alwaysNotify  rule-name globs never lowered (besides rules that say {@code routine: never})
     */
    public record Settings(int learningDays, int historyDays, int routineDays, List<String> alwaysNotify) {
        public static final Settings DEFAULTS = new Settings(14, 60, 2, List.of());

        public Settings {
            alwaysNotify = List.copyOf(alwaysNotify);
        }
    }

    /** Novelty score at or above which a finding is raised one step (a new identity scores this alone). */    static final int RAISE = 4;
    /** Distinct /16 blocks before today from which a person counts as a pool of addresses (CI runners). */
    static final int POOL_NETWORKS = 8;
    /** Days of history before a person's new hosts and hours count as news. */
    static final int SETTLED_DAYS = 5;
    /** Attributes learnt per person across families: a home network is the same for every kind of access. */
    private static final java.util.Set<String> PERSONAL = java.util.Set.of("network", "client", "account", "time");
    /**
     * What a newcomer's group (their permission set) does is compared with theirs while their own is forming; the
     * client is not (people move between console, command line and laptops). A list: the reasons name them in
     * this order, where {@code Set.of} would iterate in an order that changes from one run to the next.
     */
    private static final List<String> GROUP_COMPARED = List.of("account", "session");
    /** A newcomer's own novelties in these are not news while the team's routine stands in for theirs. */
    private static final java.util.Set<String> GROUP_COVERED = java.util.Set.of("client", "account", "session");
    /** Days a "told" time is kept: it matters on its own day, and to records delivered a few days late. */
    static final int TOLD_DAYS = 7;
    /** Attributes known after one earlier day (the others need {@link Settings#routineDays()}). */
    private static final java.util.Set<String> ONCE_KNOWN = java.util.Set.of("account", "session");
    /** Colleagues a group needs before its routine stands in for a newcomer's. */
    static final int GROUP_MEMBERS = 1;
    /** A person first seen this many days ago or more is not new, however sparse their history. */
    static final int NEW_PERSON_DAYS = 14;
    /** Key prefix of what the whole organisation does, across people and families. */
    private static final String ORG = "\u0000org\u0000";

    private final BaselineStore store;
    private final Settings settings;
    /** {@link Settings#alwaysNotify()}, compiled once rather than for every finding. */
    private final List<dev.sidedoor.core.match.Glob> alwaysNotify;
    private final Map<String, BaselineSpec> specs = new HashMap<>();

    public Baselines(BaselineStore store, Settings settings, List<SigmaRule> rules) {
        this.store = store;
        this.settings = settings;
        this.alwaysNotify = settings.alwaysNotify().stream().map(dev.sidedoor.core.match.Glob::compile).toList();
        for (SigmaRule r : rules) {
            specs.put(r.id(), BaselineSpec.of(r));
        }
    }

    /** What one finding is compared on: its day, person, family, and the store keys of each attribute value. */
    private record Observation(int day, long millis, String person, String group, BaselineSpec spec,
            Map<String, List<String>> keys, Map<String, String> shown, List<String> networks) {
    }

    /**
     * Records every finding's attributes, then judges each against the days before its own. Returns the findings
     * in the order given, each with its baseline; findings whose time cannot be read are returned unjudged.
     */
    public List<Finding> apply(List<Finding> findings) {
        List<Observation> observations = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            observations.add(observe(f));
        }
        prefetch(observations);
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            Observation o = observations.get(i);
            // A refused attempt is judged like any other, but it does not make anything routine.
            if (o == null || "failure".equals(f.event().outcome())) {
                continue;
            }
            store.noteDay(o.day());
            store.add(personKey(o), o.day());
            store.add(ORG + "person\u0000" + o.person(), o.day());
            if (o.keys().containsKey("target")) {
                store.add(ORG + "target\u0000" + o.shown().get("target"), o.day());
            }
            if (o.group() != null) {
                store.addMember(groupKey(o), o.person(), o.day());
                store.add(groupKey(o) + "\u0000member\u0000" + o.person(), o.day());
                for (String a : GROUP_COMPARED) {
                    if (o.shown().containsKey(a)) {
                        store.add(groupKey(o, a), o.day());
                    }
                }
            }
            for (Map.Entry<String, List<String>> e : o.keys().entrySet()) {
                for (String k : e.getValue()) {
                    store.add(k, o.day());
                }
                if (e.getKey().equals("network") && o.networks().size() == 3) {
                    store.addMember(personKey(o) + "\u0000networks", o.networks().get(1), o.day());
                    // The organisation's own networks (offices, VPN and cloud desktops): who comes from them, when.
                    store.add(ORG + o.networks().get(0), o.day());
                    store.addMember(ORG + o.networks().get(0), o.person(), o.day());
                }
            }
        }
        // What was new depends only on earlier days, so it can be settled for all before anything is told.
        List<Novelty> novelties = new ArrayList<>(findings.size());
        for (Observation o : observations) {
            Novelty n = o == null ? null : novelty(o);
            novelties.add(n);
            // Only what is reported at its level can have "told" a novelty: not a refused attempt (already lower).
            if (n != null && !n.newPerson() && !"failure".equals(findings.get(novelties.size() - 1).event().outcome())) {
                for (String told : n.strongKeys()) {
                    store.noteTime(told, o.millis());
                }
                for (String told : n.targetKeys()) {
                    store.noteTime(told, o.millis());
                }
            }
        }
        List<Finding> out = new ArrayList<>(findings.size());
        for (int i = 0; i < findings.size(); i++) {
            Observation o = observations.get(i);
            out.add(o == null ? findings.get(i) : judge(findings.get(i), o, novelties.get(i)));
        }
        return out;
    }

    /**
     * What {@link #applyOrFailOpen} gave: the findings, judged or not, and why the store could not be used (null
     * when it could).
     */
    public record Judged(List<Finding> findings, String unavailable) {
    }

    /**
     * {@link #apply}, failing open: when the store cannot be reached, every finding keeps its rule's level with
     * baseline state "unavailable" and a note saying so, never lowered on a guess and never lost. The caller logs
     * the error and counts it.
     */
    public Judged applyOrFailOpen(List<Finding> findings) {
        try {
            return new Judged(apply(findings), null);
        } catch (BaselineStore.UnavailableException e) {
            String why = "baseline unavailable: " + e.getMessage();
            List<Finding> out = new ArrayList<>(findings.size());
            for (Finding f : findings) {
                String person = f.rule() == null ? null : Attributes.person(f);
                out.add(f.withBaseline(new Finding.Baseline("unavailable", List.of(), why, person, null, null, 0),
                        f.severity(), why + "; reported at the rule's level"));
            }
            return new Judged(out, e.getMessage());
        }
    }

    /**
     * Tells the store every key the judgement of these findings will read, so a remote store can fetch them in a
     * few batched requests instead of one round trip per key.
     */
    private void prefetch(List<Observation> observations) {
        if (!store.prefetches()) {
            return; // a local store: building the key lists would only cost the CLI's scan
        }
        java.util.Set<String> days = new java.util.LinkedHashSet<>();
        java.util.Set<String> members = new java.util.LinkedHashSet<>();
        java.util.Set<String> times = new java.util.LinkedHashSet<>();
        for (Observation o : observations) {
            if (o == null) {
                continue;
            }
            days.add(personKey(o));
            days.add(ORG + "person\u0000" + o.person());
            members.add(personKey(o) + "\u0000networks");
            if (o.shown().containsKey("target")) {
                days.add(ORG + "target\u0000" + o.shown().get("target"));
            }
            if (o.networks().size() == 3) {
                days.add(ORG + o.networks().get(0));
                members.add(ORG + o.networks().get(0));
            }
            if (o.group() != null) {
                members.add(groupKey(o));
                days.add(groupKey(o) + "\u0000member\u0000" + o.person());
                for (String a : GROUP_COMPARED) {
                    if (o.shown().containsKey(a)) {
                        days.add(groupKey(o, a));
                    }
                }
            }
            for (Map.Entry<String, List<String>> e : o.keys().entrySet()) {
                days.addAll(e.getValue());
                times.add(toldKey(o, e.getKey()));
            }
            times.add(ORG + "told\u0000newcomer\u0000" + o.person() + "\u0000" + o.day());
            times.add(personKey(o) + "\u0000told\u0000first\u0000" + o.day());
        }
        store.prefetch(days, members, times);
    }

    /** Drops history older than the window, counted back from {@code latestDay} (an event day). */
    public void evict(int latestDay) {
        store.evictBefore(latestDay - settings.historyDays());
        store.evictTimesBefore(latestDay - TOLD_DAYS);
    }

    /**
     * What was new about one finding. {@code strongKeys} name each strong novelty for its person and day: the first
     * finding of the day that brings it is told at the rule's level, later ones that bring nothing else are lowered.
     */
    private record Novelty(boolean newPerson, boolean human, List<String> novel, int score, boolean strong,
            List<String> strongKeys, List<String> targetKeys, int daysSeen, int first, int last) {
    }

    private Novelty novelty(Observation o) {
        int from = o.day() - settings.historyDays();
        int[] personDays = store.days(personKey(o));
        int daysSeen = DaySets.countIn(personDays, from, o.day());
        int first = firstIn(personDays, from, o.day());
        int last = lastIn(personDays, from, o.day());
        List<String> novel = new ArrayList<>();
        int[] personOrgDays = store.days(ORG + "person\u0000" + o.person());
        int orgDays = DaySets.countIn(personOrgDays, from, o.day());
        int colleagues = colleagues(o, from);
        // A role that more than one caller signs in to under their own stable names is people's: one name each.
        boolean human = human(o.person()) || o.group() != null && colleagues >= 1;
        if (orgDays < settings.routineDays() && colleagues < GROUP_MEMBERS) {
            // An identity nobody vouches for (a new IAM user, a role never seen): every step is news until it has
            // a routine of its own, also past midnight.
            novel.add("person " + o.person() + (orgDays == 0 ? " (never seen before)"
                    : " (new: seen on " + orgDays + " earlier day(s))"));
            return new Novelty(true, human, novel, RAISE, true, List.of(), List.of(), daysSeen, first, last);
        }
        if (orgDays == 0) {
            // A newcomer to a team (a new hire given the team's permission set): told once a day, and raised
            // only when they do what nobody in the team does.
            novel.add("person " + o.person() + " (new; " + colleagues + " others in "
                    + o.group().substring(o.group().indexOf(':') + 1) + " work like this)");
            List<String> told = new ArrayList<>();
            told.add(ORG + "told\u0000newcomer\u0000" + o.person() + "\u0000" + o.day());
            int score = 2 + newForGroup(o, from, novel, told);
            return new Novelty(false, human, novel, score, true, told, List.of(), 0, first, last);
        }
        if (daysSeen == 0) {
            // Someone the organisation knows, doing this kind of access for the first time: news, not an alarm.
            novel.add("first " + o.spec().family() + " for " + o.person());
            if (orgDays < SETTLED_DAYS) {
                return new Novelty(false, human, novel, 1, false, List.of(), List.of(), 0, first, last);
            }
            return new Novelty(false, human, novel, 2, true,
                    List.of(personKey(o) + "\u0000told\u0000first\u0000" + o.day()), List.of(), 0, first, last);
        }
        boolean pool = store.membersBetween(personKey(o) + "\u0000networks", from, o.day()) >= POOL_NETWORKS;
        // Someone new in the organisation is still finding their hosts and hours: those are not yet news.
        // A sparse person (an on-call admin seen one day a week) is not new: their first day is long past.
        int orgFirst = firstIn(personOrgDays, from, o.day());
        boolean settled = orgDays >= SETTLED_DAYS || orgFirst >= 0 && orgFirst < o.day() - NEW_PERSON_DAYS;
        // Until then, the team's routine stands in for theirs: what colleagues do is not news.
        boolean team = !settled && colleagues >= GROUP_MEMBERS;
        int score = 0;
        boolean strong = false;
        List<String> strongKeys = new ArrayList<>();
        // A new instance is news once a day: the same person back on it later that day adds nothing.
        List<String> targetKeys = new ArrayList<>();
        if (team) {
            int extra = newForGroup(o, from, novel, strongKeys);
            score += extra;
            strong = extra > 0;
        }
        for (Map.Entry<String, List<String>> e : o.keys().entrySet()) {
            String attribute = e.getKey();
            if (known(attribute, e.getValue(), from, o.day(), pool)) {
                continue;
            }
            if (team && GROUP_COVERED.contains(attribute)) {
                continue;
            }
            if (!settled && !BaselineSpec.STRONG.contains(attribute)) {
                continue;
            }
            String label = "";
            boolean isStrong = BaselineSpec.STRONG.contains(attribute) && settled;
            if (!settled) {
                // A newcomer's first networks, accounts and clients are how their routine starts.
                label = " (the person is new: " + orgDays
                        + " day(s) of history)";
            }
            if (!settled) {
                // weak, as labelled above
            } else if (attribute.equals("network") && pool) {
                isStrong = false;
                label = " (outside the person's usual pool of addresses)";
            } else if (attribute.equals("network") && o.networks().size() == 3
                    && orgNetwork(o.networks().get(0), o.day(), from)) {
                // New for this person, everyday for colleagues: an office, the VPN, a cloud desktop.
                isStrong = false;
                label = " (new for the person, used by colleagues)";
            } else if (attribute.equals("client") && human && !o.spec().strong().contains("client")) {
                // People move between console, command line and laptops; automation keeps one client.
                isStrong = false;
            } else if (attribute.equals("target")
                    && seen(ORG + "target\u0000" + o.shown().get("target"), from, o.day()) == 0) {
                // An instance nobody has reached before is new in the fleet, not new to this person's habits.
                novel.add("target " + o.shown().get("target") + " (new in the fleet)");
                targetKeys.add(toldKey(o, attribute));
                continue;
            }
            novel.add(attribute + " " + o.shown().get(attribute) + label);
            if (attribute.equals("target")) {
                targetKeys.add(toldKey(o, attribute));
            }
            score += isStrong ? 2 : 1;
            if (isStrong) {
                strong = true;
                strongKeys.add(toldKey(o, attribute));
            }
        }
        return new Novelty(false, human, novel, score, strong, strongKeys, targetKeys, daysSeen, first, last);
    }

    /** Distinct colleagues (not the person) in the finding's group before today within the window; 0 without one. */
    private int colleagues(Observation o, int from) {
        if (o.group() == null) {
            return 0;
        }
        int members = store.membersBetween(groupKey(o), from, o.day());
        return seen(groupKey(o) + "\u0000member\u0000" + o.person(), from, o.day()) > 0 ? members - 1 : members;
    }

    /**
     * Notes each compared attribute the newcomer's whole group has never used (an account no one in the team works
     * in) as a strong novelty; returns the score it adds.
     */
    private int newForGroup(Observation o, int from, List<String> novel, List<String> told) {
        int score = 0;
        for (String a : GROUP_COMPARED) {
            if (!o.shown().containsKey(a) || seen(groupKey(o, a), from, o.day()) >= settings.routineDays()) {
                continue;
            }
            novel.add(a + " " + o.shown().get(a) + " (new for the whole team)");
            told.add(toldKey(o, a));
            score += 2;
        }
        return score;
    }

    /** The person's first finding on this day that brought this attribute value is the one that tells it. */
    private static String toldKey(Observation o, String attribute) {
        return personKey(o) + "\u0000told\u0000" + attribute + "\u0000" + o.shown().get(attribute) + "\u0000" + o.day();
    }

    private static String groupKey(Observation o) {
        return ORG + "g\u0000" + o.group();
    }

    private static String groupKey(Observation o, String attribute) {
        return groupKey(o) + "\u0000" + attribute + "\u0000" + o.shown().get(attribute);
    }

    private Observation observe(Finding f) {
        int day = Attributes.day(f);
        // A correlated finding already speaks of several findings, each judged on its own.
        if (day < 0 || f.rule() == null || f.context().containsKey("correlation_type")) {
            return null;
        }
        BaselineSpec spec = specs.getOrDefault(f.rule().id(),
                new BaselineSpec(f.rule().name(), BaselineSpec.ALL, false));
        String person = Attributes.person(f);
        String prefix = spec.family() + "\u0000" + person + "\u0000";
        Map<String, List<String>> keys = new LinkedHashMap<>();
        Map<String, String> shown = new LinkedHashMap<>();
        for (String a : spec.attributes()) {
            List<String> values = switch (a) {
                case "network" -> Attributes.networks(f.sourceIp());
                case "client" -> List.of(Attributes.client(f));
                case "account" -> List.of(f.account() == null ? "(none)" : f.account());
                case "session" -> List.of(Attributes.session(f));
                case "target" -> List.of(f.target() == null ? "(none)" : f.target());
                case "time" -> List.of(Attributes.timeOfWeek(f.event().time()));
                default -> List.of();
            };
            // Where a person comes from, with what and when is theirs whatever they do; what they reach and how
            // belongs to the kind of access.
            String at = PERSONAL.contains(a) ? ORG + "p\u0000" + person + "\u0000" : prefix;
            List<String> k = new ArrayList<>(values.size());
            for (String v : values) {
                k.add(at + a + "\u0000" + v);
            }
            keys.put(a, k);
            shown.put(a, values.get(0));
        }
        return new Observation(day, dev.sidedoor.core.event.EventTimes.epochMillis(f.event().time()), person,
                Attributes.group(f), spec,
                keys, shown, Attributes.networks(f.sourceIp()));
    }

    private static String personKey(Observation o) {
        return o.spec().family() + "\u0000" + o.person();
    }

    private Finding judge(Finding f, Observation o, Novelty n) {
        int firstDay = store.firstDay().orElse(o.day());
        boolean learning = o.day() < firstDay + settings.learningDays();
        // An instance's own credentials reaching other instances is never routine, however often it happens.
        boolean pinned = o.spec().never() || alwaysNotify(f) || "true".equals(f.context().get("instance_credentials"));
        boolean serviceCaller = f.notes().stream().anyMatch(x -> x.contains("the caller is the AWS service"));
        Severity severity = f.severity();
        String state = learning ? "learning" : n.novel().isEmpty() ? "routine" : "novel";
        String why;
        String note = null;
        String newThings = String.join("; ", n.novel());
        if (pinned) {
            why = "always notified" + (newThings.isEmpty() ? "" : "; new: " + newThings);
        } else if (n.score() >= RAISE) {
            why = "new: " + newThings;
            note = "novel for " + o.person() + ": " + newThings;
            if (!learning && !serviceCaller && severity != null && severity.higher() != severity) {
                severity = severity.higher();
                note = "severity raised: " + note;
            }
        } else if (n.strong() && n.human() && n.strongKeys().size() == 1 && n.novel().size() <= 2
                && n.strongKeys().get(0).contains("\u0000told\u0000network\u0000")) {
            // A person on another network (a hotel, a phone, a new ISP lease) with at most one other small change:
            // an intruder with the session shows more at once (new hours and new hosts raise it above).
            why = "new: " + newThings + "; the rest as usual";
            if (severity != null && severity.compareTo(Severity.LOW) > 0) {
                severity = Severity.LOW;
                note = "severity lowered to low: mostly a new network for " + o.person() + " (" + newThings + ")";
            }
        } else if (n.strong()) {
            why = "new: " + newThings;
            note = "novel for " + o.person() + ": " + newThings;
            long told = Long.MAX_VALUE;
            boolean allToldEarlier = true;
            for (String k : concat(n.strongKeys(), n.targetKeys())) {
                long t = store.time(k);
                told = Math.min(told, t);
                allToldEarlier &= t < o.millis();
            }
            // Anything else new (another instance) is news of its own: a fan-out keeps every step visible.
            // Automation does not wander: every step of a role or key doing something new stays visible.
            boolean nothingElse = n.novel().size() == n.strongKeys().size() + n.targetKeys().size()
                    && n.human();
            if (allToldEarlier && nothingElse && severity != null && severity.compareTo(Severity.LOW) > 0) {
                // One notification per new thing per day: the person's first session from a new network says it.
                severity = Severity.LOW;
                why += " (already told at " + java.time.Instant.ofEpochMilli(told) + ")";
                note = "severity lowered to low: " + newThings + " was already told today at "
                        + java.time.Instant.ofEpochMilli(told);
            }
        } else {
            why = (n.novel().isEmpty() ? "" : "new " + newThings + " only; ") + "seen on " + n.daysSeen()
                    + " day(s) since " + date(n.first()) + " from " + o.shown().getOrDefault("network", "-");
            Severity target = n.novel().isEmpty() ? Severity.INFORMATIONAL : Severity.LOW;
            if (severity != null && severity.compareTo(target) > 0) {
                severity = target;
                note = "severity lowered to " + target.label() + ": " + (n.novel().isEmpty() ? "routine" : "mostly routine")
                        + " for " + o.person() + " (" + why + ")";
            }
        }
        if (learning) {
            why = "learning until " + date(firstDay + settings.learningDays()) + "; " + why;
        }
        Finding.Baseline b = new Finding.Baseline(state, n.novel(), why, o.person(), date(n.first()),
                date(n.last()), n.daysSeen());
        return f.withBaseline(b, severity, note);
    }

    /** A /24 that at least two other people came from on enough earlier days. */
    private boolean orgNetwork(String block, int day, int from) {
        return store.membersBetween(ORG + block, from, day) >= 3 && seen(ORG + block, from, day) >= settings.routineDays();
    }

    /**
     * A person signing in as themselves (an Identity Center user, an IAM user, a UPN or e-mail), not a role, an
     * instance or a service account.
     */
    private static boolean human(String person) {
        if (person.startsWith("sso:") || person.startsWith("arn:aws:iam::") && person.contains(":user/")) {
            return true;
        }
        return person.contains("@") && !person.startsWith("arn:") && !person.endsWith("gserviceaccount.com");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private boolean known(String attribute, List<String> keys, int from, int day, boolean pool) {
        if (ONCE_KNOWN.contains(attribute)) {
            // A person's accounts and kinds of session are few and stable, and visited sparsely (staging once a
            // week): once worked in, told and not contested, the next visit is not news.
            for (String k : keys) {
                if (seen(k, from, day) >= 1) {
                    return true;
                }
            }
            return false;
        }
        if (attribute.equals("network") && keys.size() == 3) {
            if (pool) {
                // A pool of cloud-hosted runners rarely repeats an address or even a /16: its wide blocks do.
                return seen(keys.get(2), from, day) >= settings.routineDays();
            }
            // Narrow blocks need the usual evidence; the widest (/8, /32) more, since it also covers neighbours.
            return seen(keys.get(0), from, day) >= settings.routineDays()
                    || seen(keys.get(1), from, day) >= settings.routineDays()
                    || seen(keys.get(2), from, day) >= settings.routineDays() + 1;
        }
        for (String k : keys) {
            if (seen(k, from, day) >= settings.routineDays()) {
                return true;
            }
        }
        return false;
    }

    private int seen(String key, int from, int day) {
        return DaySets.countIn(store.days(key), from, day);
    }

    private boolean alwaysNotify(Finding f) {
        for (dev.sidedoor.core.match.Glob glob : alwaysNotify) {
            if (glob.matches(f.rule().name())) {
                return true;
            }
        }
        return false;
    }

    private static int firstIn(int[] days, int from, int to) {
        for (int d : days) {
            if (d >= from && d < to) {
                return d;
            }
        }
        return -1;
    }

    private static int lastIn(int[] days, int from, int to) {
        int last = -1;
        for (int d : days) {
            if (d >= from && d < to) {
                last = d;
            }
        }
        return last;
    }

    private static String date(int day) {
        return day < 0 ? null : LocalDate.ofEpochDay(day).toString();
    }
}
