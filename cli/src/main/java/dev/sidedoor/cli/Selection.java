package dev.sidedoor.cli;

import dev.sidedoor.core.event.EventTimes;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.match.Glob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which findings {@code scan} prints: those whose event time is in [since, until) and whose rule (name or id)
 * matches a --rule glob, when any is given, and no --exclude-rule glob. The others are counted, not printed. A
 * finding whose event time cannot be read is always printed: its time is not known to be outside the window.
 */
record Selection(Instant since, Instant until, List<Glob> rules, List<Glob> excludedRules) {

    /** Why a finding is not printed. */
    enum Left { NONE, TIME, RULE }

    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,6})([smhdw])");

    static Selection of(String since, String until, List<String> rules, List<String> excluded, Clock clock) {
        return new Selection(since == null ? null : instant("--since", since, false, clock),
                until == null ? null : instant("--until", until, true, clock),
                rules.stream().map(Glob::compile).toList(), excluded.stream().map(Glob::compile).toList());
    }

    Selection {
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("--since " + since + " is not before --until " + until);
        }
        rules = List.copyOf(rules);
        excludedRules = List.copyOf(excludedRules);
    }

    boolean selectsEverything() {
        return since == null && until == null && rules.isEmpty() && excludedRules.isEmpty();
    }

    Left check(Finding f) {
        String id = f.rule().id();
        String name = f.rule().name();
        if (!rules.isEmpty() && rules.stream().noneMatch(g -> matches(g, id, name))
                || excludedRules.stream().anyMatch(g -> matches(g, id, name))) {
            return Left.RULE;
        }
        if (since != null || until != null) {
            long ms = EventTimes.epochMillis(f.event().time());
            if (ms >= 0 && (since != null && ms < since.toEpochMilli() || until != null && ms >= until.toEpochMilli())) {
                return Left.TIME;
            }
        }
        return Left.NONE;
    }

    /** Whether a --rule or --exclude-rule glob names this rule. */
    static boolean matches(Glob g, String id, String name) {
        return id != null && g.matches(id) || name != null && g.matches(name);
    }

    /**
     * An ISO-8601 instant ("2026-11-18T08:00:00Z"), a date ("2026-11-18": its start for --since; for --until the
     * whole day is included), or a time back from now ("30m", "24h", "7d", "2w").
     */
    static Instant instant(String option, String text, boolean endOfDay, Clock clock) {
        String t = text.strip();
        Matcher m = RELATIVE.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return clock.instant().minus(d);
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            // not an instant: a date?
        }
        try {
            LocalDate day = LocalDate.parse(t);
            return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": '" + Terminal.clean(text, 80) + "' is not a time: give "
                    + "an instant (2026-11-18T08:00:00Z), a date (2026-11-18, UTC) or a time back from now "
                    + "(30m, 24h, 7d, 2w)");
        }
    }
}
