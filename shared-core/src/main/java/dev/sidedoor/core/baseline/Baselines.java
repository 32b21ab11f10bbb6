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

    /** Novelty score at or below which a finding is routine; at or above {@link #RAISE}, raised one step. */
    static final int ROUTINE_MAX = 1;
    static final int RAISE = 4;

    private final BaselineStore store;
    private final Settings settings;
    private final Map<String, BaselineSpec> specs = new HashMap<>();

    public Baselines(BaselineStore store, Settings settings, List<SigmaRule> rules) {
        this.store = store;
        this.settings = settings;
        for (SigmaRule r : rules) {
            specs.put(r.id(), BaselineSpec.of(r));
        }
    }

    /** What one finding is compared on: its day, person, family, and the store keys of each attribute value. */
    private record Observation(int day, String person, BaselineSpec spec, Map<String, List<String>> keys,
            Map<String, String> shown) {
    }

    /**
     * Records every finding's attributes, then judges each against the days before its own. Returns the findings
     * in the order given, each with its baseline; findings whose time cannot be read are returned unjudged.
     */
    public List<Finding> apply(List<Finding> findings) {
        List<Observation> observations = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Observation o = observe(f);
            observations.add(o);
            if (o == null) {
                continue;
            }
            store.noteDay(o.day());
            store.add(personKey(o), o.day(), settings.historyDays());
            for (List<String> keys : o.keys().values()) {
                for (String k : keys) {
                    store.add(k, o.day(), settings.historyDays());
                }
            }
        }
        List<Finding> out = new ArrayList<>(findings.size());
        for (int i = 0; i < findings.size(); i++) {
            Observation o = observations.get(i);
            out.add(o == null ? findings.get(i) : judge(findings.get(i), o));
        }
        return out;
    }

    /** Drops history older than the window, counted back from {@code today} (an event day). */
    public void evict(int latestDay) {
        store.evictBefore(latestDay - settings.historyDays());
    }

    private Observation observe(Finding f) {
        int day = Attributes.day(f);
        if (day < 0 || f.rule() == null) {
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
                case "client" -> List.of(Attributes.client(f.userAgent()));
                case "account" -> List.of(f.account() == null ? "(none)" : f.account());
                case "session" -> List.of(Attributes.session(f));
                case "target" -> List.of(f.target() == null ? "(none)" : f.target());
                case "time" -> List.of(Attributes.timeOfWeek(f.event().time()));
                default -> List.of();
            };
            List<String> k = new ArrayList<>(values.size());
            for (String v : values) {
                k.add(prefix + a + "\u0000" + v);
            }
            keys.put(a, k);
            shown.put(a, values.get(0));
        }
        return new Observation(day, person, spec, keys, shown);
    }

    private static String personKey(Observation o) {
        return o.spec().family() + "\u0000" + o.person();
    }

    private Finding judge(Finding f, Observation o) {
        int from = o.day() - settings.historyDays();
        int[] personDays = store.days(personKey(o));
        int daysSeen = DaySets.countIn(personDays, from, o.day());
        int first = firstIn(personDays, from, o.day());
        int last = lastIn(personDays, from, o.day());
        List<String> novel = new ArrayList<>();
        int score;
        if (daysSeen == 0) {
            novel.add("person " + o.person() + " (first seen in " + o.spec().family() + ")");
            score = RAISE;
        } else {
            score = 0;
            for (Map.Entry<String, List<String>> e : o.keys().entrySet()) {
                if (!known(e.getKey(), e.getValue(), from, o.day())) {
                    novel.add(e.getKey() + " " + o.shown().get(e.getKey()));
                    score += BaselineSpec.STRONG.contains(e.getKey()) ? 2 : 1;
                }
            }
        }
        int firstDay = store.firstDay().orElse(o.day());
        boolean learning = o.day() < firstDay + settings.learningDays();
        boolean pinned = o.spec().never() || alwaysNotify(f);
        boolean serviceCaller = f.notes().stream().anyMatch(n -> n.contains("the caller is the AWS service"));
        String state;
        String why;
        Severity severity = f.severity();
        String note;
        if (score <= ROUTINE_MAX && !pinned) {
            state = learning ? "learning" : "routine";
            why = "seen on " + daysSeen + " day(s) since " + date(first) + " from " + o.shown().get("network")
                    + (novel.isEmpty() ? "" : "; new " + String.join(", ", novel));
            if (severity != null && severity != Severity.INFORMATIONAL) {
                severity = Severity.INFORMATIONAL;
                note = "severity lowered to informational: routine for " + o.person() + " (" + why + ")";
            } else {
                note = null;
            }
        } else {
            state = learning ? "learning" : "novel";
            why = novel.isEmpty() ? (pinned ? "always notified" : "") : "new: " + String.join("; ", novel);
            note = novel.isEmpty() ? null : "novel for " + o.person() + ": " + String.join("; ", novel);
            if (score >= RAISE && !learning && !serviceCaller && severity != null) {
                Severity raised = severity.higher();
                if (raised != severity) {
                    severity = raised;
                    note = "severity raised: " + note.substring(0, 1).toLowerCase(java.util.Locale.ROOT)
                            + note.substring(1);
                }
            }
            if (learning) {
                why = "learning until " + date(firstDay + settings.learningDays()) + (why.isEmpty() ? "" : "; " + why);
            }
        }
        Finding.Baseline b = new Finding.Baseline(state, novel, why, o.person(), date(first), date(last), daysSeen);
        return f.withBaseline(b, severity, note);
    }

    private boolean known(String attribute, List<String> keys, int from, int day) {
        if (attribute.equals("network") && keys.size() == 3) {
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
        for (String glob : settings.alwaysNotify()) {
            if (dev.sidedoor.core.match.Glob.compile(glob).matches(f.rule().name())) {
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
