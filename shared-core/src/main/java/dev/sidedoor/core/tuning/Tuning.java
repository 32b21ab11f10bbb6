package dev.sidedoor.core.tuning;

import dev.sidedoor.core.baseline.Baselines;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.Severity;
import dev.sidedoor.core.match.Cidr;
import dev.sidedoor.core.match.IpAddress;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The user's tuning file: suppressions, trusted networks and sensitive targets, read once at start-up and then
 * applied to every finding. Immutable and thread-safe; {@link #apply} allocates only when it changes a finding.
 *
 * <h2>File format</h2>
 * A YAML file reviewed like code (see {@code examples/tuning.yml}). All three sections are optional; an empty file
 * is an empty tuning.
 * <pre>{@code
 * suppressions:
 *   - id: patch-baseline-state-manager        # required, unique; letters, digits, '.', '_', '-'
 *     rule: "aws_ssm_send_command_*"          # required: glob over rule name (file stem), rule id or title; may be a list
 *     match:                                   # optional: all listed fields must match (AND); a list value = any of
 *       actor: "arn:aws:sts::*:assumed-role/PatchRole/patch-*"
 *       source_ip: ["ssm.amazonaws.com", "10.0.0.0/8"]
 *       context.document: "AWS-RunPatchBaseline"
 *     reason: "State Manager patching, ticket SEC-123"   # required, non-empty
 *     expires: 2027-03-31                     # required YYYY-MM-DD; the last day the suppression applies
 * trusted_networks:                            # callers from these: severity one step lower (never below informational)
 *   - name: corporate VPN egress               # required
 *     cidr: 203.0.113.0/24                     # or cidrs: [..]  (one of the two, each may be a list)
 * sensitive_targets:                           # targets matching these: severity one step higher
 *   - name: production databases               # required
 *     target: "i-0db*"                         # glob (or CIDR) over the finding's target; may be a list
 * }</pre>
 *
 * <h3>Values</h3>
 * <ul>
 *   <li>Globs are case-insensitive; {@code *} is any run of characters, {@code ?} one character, {@code \*},
 *       {@code \?}, {@code \\} are literal (a Windows folder is {@code 'C:\Windows\\*'}: a backslash right before
 *       {@code *} escapes it; other backslashes are literal). The whole value must match: {@code "assumed-role/PatchRole/*"} does not
 *       match {@code assumed-role/PatchRoleAdmin/x}, but {@code "*PatchRole*"} would. Matching is linear-time and
 *       never uses regular expressions on event values.</li>
 *   <li>A value {@code <address>/<prefix>} is a CIDR and must be valid (no host bits set beyond the prefix); a bare
 *       IP literal is a one-address network. Networks match only values that are IPv4/IPv6 literals (parsed without
 *       DNS; IPv4-mapped IPv6 counts as IPv4), never a service name such as {@code ssm.amazonaws.com}. In
 *       {@code source_ip} every value containing {@code /} must be a CIDR.</li>
 *   <li>A field the finding does not have never matches, not even {@code "*"}.</li>
 * </ul>
 *
 * <h3>Fields usable in {@code match}</h3>
 * {@code rule.id}, {@code rule.name}, {@code rule.title}, {@code severity}, {@code provider}, {@code actor},
 * {@code target}, {@code source_ip}, {@code account}, {@code region}, {@code user_agent}, {@code event.action},
 * {@code event.service}, {@code event.outcome} ({@code success} / {@code failure} / {@code unknown}) and
 * {@code context.<key>} (a key of the finding's context map; the whole rest of the name is the key, dots
 * included). A {@code severity} value without wildcards must be a severity name ({@code info} is accepted).
 *
 * <h3>Load errors</h3>
 * Reported as {@code file:line: reason} ({@link TuningException}): YAML syntax, unknown keys at any level, unknown
 * match fields, duplicate keys, duplicate suppression ids, a missing or blank id / rule / reason / name, a missing
 * or unparseable {@code expires}, an invalid CIDR, an empty list or value, an empty {@code match}, YAML tags other
 * than the standard scalar ones, and more than 10 aliases to collections. Merge keys ({@code <<}) are not
 * supported.
 *
 * <h2>What {@link #apply} does, in order</h2>
 * <ol>
 *   <li><b>Sensitive targets</b>: if the finding's target matches one (first in file order), severity goes one step
 *       up, with the note {@code severity raised: target matches sensitive target '<name>'}.</li>
 *   <li><b>Trusted networks</b>: if the finding's source IP is an IP literal inside one (first in file order),
 *       severity goes one step down but never below informational, with the note
 *       {@code severity lowered: source <ip> in trusted network '<name>'}. When the severity cannot move further
 *       (critical / informational) the note says {@code severity kept at ...} instead.</li>
 *   <li><b>Suppressions</b>: the first live suppression in file order whose rule and match select the finding sets
 *       {@link Finding#suppression()}. A suppression is live through its {@code expires} date and dead from the day
 *       after; a dead one never applies, and when it would have matched the finding gets the note
 *       {@code suppression '<id>' expired on <date> and no longer applies}. Suppressed findings are returned, never
 *       dropped, so they are counted and can be shown. A finding that already carries a suppression keeps it.</li>
 * </ol>
 * Suppressions match the finding's own fields as the event gave them; steps 1-2 only change severity, and
 * {@code severity} in {@code match} is compared with the final severity after steps 1-2 (the severity the finding
 * will be published with). So {@code severity: [informational, low]} does not hide a finding on a sensitive target
 * that was raised to medium.
 *
 * <p>{@link #warnings} lists what a person should see at start-up: suppressions that expired or expire within
 * {@value #EXPIRY_WARNING_DAYS} days, suppressions that silence everything, and very broad trusted networks.
 */
public final class Tuning {

    /** Suppressions expiring within this many days are listed by {@link #warnings}. */
    public static final int EXPIRY_WARNING_DAYS = 14;

    private static final Tuning NONE = new Tuning("(no tuning)", List.of(), List.of(), List.of(),
            Baselines.Settings.DEFAULTS, List.of());

    private final String source;
    private final List<Suppression> suppressions;
    private final List<TrustedNetwork> trustedNetworks;
    private final List<SensitiveTarget> sensitiveTargets;
    private final Baselines.Settings baseline;
    private final List<dev.sidedoor.core.sigma.SigmaFilter> sigmaFilters;

    private Tuning(String source, List<Suppression> suppressions, List<TrustedNetwork> trustedNetworks,
                   List<SensitiveTarget> sensitiveTargets, Baselines.Settings baseline,
                   List<dev.sidedoor.core.sigma.SigmaFilter> sigmaFilters) {
        this.source = source;
        this.sigmaFilters = List.copyOf(sigmaFilters);
        this.baseline = baseline;
        this.suppressions = List.copyOf(suppressions);
        this.trustedNetworks = List.copyOf(trustedNetworks);
        this.sensitiveTargets = List.copyOf(sensitiveTargets);
    }

    /**
     * The Sigma filters listed under {@code sigma_filters}. The detector applies them, since they read the event's
     * fields: a finding a filter excludes is kept, marked suppressed by it.
     */
    public List<dev.sidedoor.core.sigma.SigmaFilter> sigmaFilters() {
        return sigmaFilters;
    }

    /** How baselining behaves: the {@code baseline:} section, or the defaults. */
    public Baselines.Settings baseline() {
        return baseline;
    }

    /** Reads and checks a tuning file (UTF-8). Error messages name the file as given. */
    public static Tuning load(Path file) throws TuningException {
        Objects.requireNonNull(file, "file");
        String name = file.toString();
        String text;
        try {
            if (Files.size(file) > TuningParser.MAX_CHARS) {
                throw new TuningException(name, 0, "the file is larger than " + (TuningParser.MAX_CHARS >> 20) + " MB");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TuningException(name, 0, "file not found", e);
        } catch (CharacterCodingException e) {
            throw new TuningException(name, 0, "the file is not valid UTF-8", e);
        } catch (IOException e) {
            throw new TuningException(name, 0, "cannot read the file: " + e, e);
        }
        return parse(text, name);
    }

    /** Parses tuning YAML; {@code source} names it in error messages and warnings. */
    public static Tuning parse(String yaml, String source) throws TuningException {
        Objects.requireNonNull(yaml, "yaml");
        String src = source == null || source.isBlank() ? "(tuning)" : source;
        TuningParser.Parsed p = TuningParser.parse(yaml, src);
        return new Tuning(src, p.suppressions(), p.trustedNetworks(), p.sensitiveTargets(), p.baseline(),
                p.filters());
    }

    /** No tuning at all: {@link #apply} returns every finding unchanged. */
    public static Tuning none() {
        return NONE;
    }

    /**
     * Applies sensitive targets, trusted networks and suppressions (in that order; see the class comment) and
     * returns the adjusted finding, or the same instance when nothing applies. Call once per finding.
     *
     * @param today the date expiry is judged against (the caller's clock, usually {@code LocalDate.now(UTC)})
     */
    public Finding apply(Finding f, LocalDate today) {
        Objects.requireNonNull(f, "finding");
        Objects.requireNonNull(today, "today");
        Finding out = f;

        if (out.severity() != null) {
            for (SensitiveTarget s : sensitiveTargets) {
                if (s.matches(f.target())) {
                    Severity before = out.severity();
                    Severity after = before.higher();
                    String why = "target matches sensitive target '" + s.name() + "'";
                    out = out.withSeverity(after, after == before
                            ? "severity kept at " + before.label() + ": " + why
                            : "severity raised: " + why);
                    break;
                }
            }
        }

        if (out.severity() != null && !trustedNetworks.isEmpty()) {
            IpAddress address = IpAddress.parse(f.sourceIp());
            if (address != null) {
                for (TrustedNetwork t : trustedNetworks) {
                    if (t.contains(address)) {
                        Severity before = out.severity();
                        Severity after = before.lower();
                        String why = "source " + f.sourceIp() + " in trusted network '" + t.name() + "'";
                        out = out.withSeverity(after, after == before
                                ? "severity kept at " + before.label() + ": " + why
                                : "severity lowered: " + why);
                        break;
                    }
                }
            }
        }

        boolean suppressed = out.suppression() != null;
        for (Suppression s : suppressions) {
            if (s.liveOn(today)) {
                if (!suppressed && s.matches(out)) {
                    out = out.withSuppression(new Finding.SuppressionRef(s.id(), s.reason(), s.expires().toString()));
                    suppressed = true;
                }
            } else if (s.matches(out)) {
                out = out.withNote("suppression '" + s.id() + "' expired on " + s.expires() + " and no longer applies");
            }
        }
        return out;
    }

    /**
     * What to tell a person at start-up, in file order, each as {@code file:line: text}: suppressions that have
     * expired, suppressions expiring within {@value #EXPIRY_WARNING_DAYS} days, suppressions that silence every
     * finding ({@code rule: "*"} without {@code match}), and trusted networks broader than /8 (IPv4) or /16 (IPv6).
     */
    public List<String> warnings(LocalDate today) {
        return warnings(today, null, null);
    }

    /**
     * The same, and suppressions and Sigma filters that apply to no loaded rule (a typo in a rule name silences
     * nothing and says nothing).
     *
     * @param rules        every loaded rule and correlation rule as (id, name, title) triples; null to skip that check
     * @param detectionRules the loaded detection rules, which filters apply to
     */
    public List<String> warnings(LocalDate today, List<String[]> rules,
            List<dev.sidedoor.core.sigma.SigmaRule> detectionRules) {
        Objects.requireNonNull(today, "today");
        List<String> out = new ArrayList<>();
        for (Suppression s : suppressions) {
            String at = source + ":" + s.line() + ": ";
            if (rules != null && rules.stream().noneMatch(r -> s.namesRule(r[0], r[1], r[2]))) {
                out.add(at + "suppression '" + s.id() + "' names no loaded rule (by name, id or title): it "
                        + "suppresses nothing; check the rule name");
            }
            if (!s.liveOn(today)) {
                out.add(at + "suppression '" + s.id() + "' expired on " + s.expires()
                        + " and no longer applies; renew it after review or delete it");
            } else {
                long days = ChronoUnit.DAYS.between(today, s.expires());
                if (days == 0) {
                    out.add(at + "suppression '" + s.id() + "' expires today (" + s.expires() + ")");
                } else if (days <= EXPIRY_WARNING_DAYS) {
                    out.add(at + "suppression '" + s.id() + "' expires on " + s.expires() + " (in " + days
                            + (days == 1 ? " day)" : " days)"));
                }
            }
            if (s.matchesEverything()) {
                out.add(at + "suppression '" + s.id() + "' has rule \"*\" and no match: it suppresses every finding");
            }
        }
        if (detectionRules != null) {
            for (dev.sidedoor.core.sigma.SigmaFilter f : sigmaFilters) {
                if (detectionRules.stream().noneMatch(f::appliesTo)) {
                    out.add(f.source() + ":" + f.line() + ": Sigma filter '" + f.id() + "' applies to no loaded rule "
                            + "(its rules and logsource select none): it excludes nothing");
                }
            }
        }
        for (TrustedNetwork t : trustedNetworks) {
            for (Cidr c : t.cidrs()) {
                if (c.prefix() < (c.isIpv4() ? 8 : 16)) {
                    out.add(source + ":" + t.line() + ": trusted network '" + t.name() + "' includes " + c
                            + ", a very broad range: every caller in it gets a lower severity");
                }
            }
        }
        return List.copyOf(out);
    }

    /** The file name or label this tuning was read from. */
    public String source() {
        return source;
    }

    /** True when there is nothing to apply. */
    public boolean isEmpty() {
        return suppressions.isEmpty() && trustedNetworks.isEmpty() && sensitiveTargets.isEmpty()
                && baseline.equals(Baselines.Settings.DEFAULTS);
    }

    public int suppressionCount() {
        return suppressions.size();
    }

    public int trustedNetworkCount() {
        return trustedNetworks.size();
    }

    public int sensitiveTargetCount() {
        return sensitiveTargets.size();
    }

    @Override
    public String toString() {
        return "Tuning[" + source + ": " + suppressions.size() + " suppressions, " + trustedNetworks.size()
                + " trusted networks, " + sensitiveTargets.size() + " sensitive targets]";
    }
}
