package dev.sidedoor.cli;

import dev.sidedoor.core.baseline.BaselineStore;
import dev.sidedoor.core.baseline.Baselines;
import dev.sidedoor.core.baseline.MemoryStore;
import dev.sidedoor.core.correlation.Carryover;
import dev.sidedoor.core.correlation.Correlations;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.FindingMerger;
import dev.sidedoor.core.finding.Severity;
import dev.sidedoor.core.read.Rejection;
import dev.sidedoor.core.scan.Bootstrap;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.scan.InputResult;
import dev.sidedoor.core.scan.ScanStats;
import dev.sidedoor.core.source.Sources;
import dev.sidedoor.core.source.falcon.FalconHosts;
import dev.sidedoor.core.source.falcon.FalconSource;
import dev.sidedoor.core.tuning.Tuning;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sidedoor scan}: files, directories (recursive), .gz and stdin, on every core. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Scan audit log files for direct cloud VM connections. Findings go to standard output, "
                + "errors and the summary to standard error.",
        footerHeading = "%nTable:%n",
        footer = {"One row per finding in event-time order, cut to the terminal's width (COLUMNS, else the "
                + "terminal's own, else 120 when piped), keeping the end of each value: the user after the role, the "
                + "last segments of a resource. Column M: n notes (see --format jsonl), s suppressed, f failed "
                + "attempt; the actor's baseline: r routine, N novel, l learning. Severity is coloured on a terminal "
                + "unless NO_COLOR is set or --no-color is given."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:scan finished", "1:a live finding reached --fail-on",
            "2:usage error, or some input could not be read (everything else was still scanned)"})
final class ScanCommand implements Callable<Integer> {

    enum Format { table, jsonl, ocsf }

    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). ocsf prints one "
                    + "OCSF Detection Finding (class 2004) per line.")
    Format format;

    @Option(names = "--group-by", paramLabel = "FIELD,...",
            description = "Print one row per group of findings instead of the findings: count, first and last seen, "
                    + "highest severity (table or jsonl). Fields: rule, actor, person, target, source_ip, account, "
                    + "region, provider, action, service, outcome, severity, user_agent, baseline, or a context "
                    + "key such as document or session_type.")
    String groupBy;

    @Option(names = "--state", paramLabel = "DIR",
            description = "Keep the baseline (each person's routine) in DIR between runs; created if missing. "
                    + "Without it, the baseline is learnt from this run's logs only.")
    Path stateDir;

    @Option(names = "--no-baseline", description = "Report every finding at its rule's level: no routine learnt, "
            + "nothing lowered or raised for novelty.")
    boolean noBaseline;

    /** How command and script text appears in findings. */
    enum CommandText { redacted, full }

    @Option(names = "--command-text", paramLabel = "MODE", defaultValue = "redacted",
            description = "Command and script text in findings: redacted (default) replaces passwords, keys, "
                    + "tokens and connection strings with a SHA-256 prefix; full shows them as logged.")
    CommandText commandText;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Directory (recursive) or file of extra Sigma rules; repeatable.")
    List<Path> ruleDirs = new ArrayList<>();

    @Option(names = "--no-builtin-rules", description = "Run only the rules given with --rules.")
    boolean noBuiltIn;

    @Option(names = "--tuning", paramLabel = "FILE", description = "Tuning YAML: suppressions, trusted networks, "
            + "sensitive targets.")
    Path tuningFile;

    @Option(names = "--show-suppressed", description = "Also print suppressed findings (always counted).")
    boolean showSuppressed;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit 1 when a live finding has at least this severity "
                    + "(informational, low, medium, high, critical).")
    String failOn;

    @Option(names = "--min-severity", paramLabel = "SEVERITY", defaultValue = "informational",
            description = "Print only findings of at least this severity; the others are counted "
                    + "(default: ${DEFAULT-VALUE}).")
    String minSeverity;

    @Option(names = "--falcon-aidmaster", paramLabel = "FILE",
            description = "CrowdStrike Falcon Data Replicator lookup table: aidmaster (host names, platforms, "
                    + "addresses by aid) or userinfo (user names by SID), JSON lines, plain or .gz; repeatable. "
                    + "FDR process events carry only ids; these name their hosts and users. Read before the scan.")
    List<Path> falconTables = new ArrayList<>();

    @Option(names = "--since", paramLabel = "TIME",
            description = "Print only findings whose event is at or after TIME: an instant "
                    + "(2026-11-18T08:00:00Z), a date (2026-11-18, UTC) or a time back from now (30m, 24h, 7d, 2w). "
                    + "The others are counted in the summary. Findings with an unreadable time are always printed.")
    String since;

    @Option(names = "--until", paramLabel = "TIME",
            description = "Print only findings whose event is before TIME (a date includes that whole day).")
    String until;

    @Option(names = "--rule", paramLabel = "GLOB",
            description = "Print only findings of rules whose name or id matches GLOB (* and ?, any case); "
                    + "repeatable.")
    List<String> rules = new ArrayList<>();

    @Option(names = "--exclude-rule", paramLabel = "GLOB",
            description = "Do not print findings of rules whose name or id matches GLOB; repeatable.")
    List<String> excludedRules = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write findings to FILE instead of standard output (errors and the summary still go to "
                    + "standard error). An existing FILE is not overwritten without --overwrite.")
    Path output;

    @Option(names = "--overwrite", description = "Let --output replace an existing file.")
    boolean overwrite;

    @Option(names = "--summary", description = "After the scan, print on standard error the printed findings "
            + "counted by rule, actor and target (the ten largest of each).")
    boolean printSummary;

    @Option(names = "--no-color", description = "No colour in the table (also when NO_COLOR is set; never when "
            + "standard output is not a terminal).")
    boolean noColor;

    @Option(names = "--include-raw", description = "Add each finding's record as read (after unwrapping) to its "
            + "JSON as 'raw'; records longer than 64 KiB are cut, with 'raw_clipped' saying so.")
    boolean includeRaw;

    @Option(names = "--threads", paramLabel = "N", description = "Threads at most (default: all cores): one file "
            + "each, and idle ones help with big files (a JSON Lines file of 64 MB or more is read in ranges side by "
            + "side, a .gz is inflated on one thread and scanned on another).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "Files or directories to scan; '-' reads standard input. .gz is read transparently.")
    List<String> paths;

    private final PrintStream stdout;
    private final PrintStream stderr;
    private final Screen screen;

    ScanCommand() {
        this(System.out, System.err, Screen.system());
    }

    ScanCommand(PrintStream stdout, PrintStream stderr, Screen screen) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.screen = screen;
    }

    @Override
    public Integer call() {
        Selection selection;
        try {
            selection = Selection.of(since, until, rules, excludedRules, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            stderr.println("sidedoor: usage: " + e.getMessage());
            stderr.println("Try 'sidedoor scan --help' for more information.");
            return ExitCodes.INPUT_ERROR;
        }
        if (output == null) {
            return run(stdout, stderr, selection, noColor ? new Screen(screen.env(), false) : screen);
        }
        java.io.OutputStream file;
        try {
            file = overwrite ? java.nio.file.Files.newOutputStream(output)
                    : java.nio.file.Files.newOutputStream(output, java.nio.file.StandardOpenOption.CREATE_NEW,
                            java.nio.file.StandardOpenOption.WRITE);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            stderr.println("sidedoor: usage: --output " + Terminal.clean(output.toString())
                    + ": the file exists; give --overwrite to replace it");
            return ExitCodes.INPUT_ERROR;
        } catch (IOException e) {
            stderr.println("sidedoor: error: --output " + Terminal.clean(output.toString()) + ": cannot write: "
                    + Terminal.clean(String.valueOf(e.getMessage())));
            return ExitCodes.INPUT_ERROR;
        }
        try (PrintStream out = new PrintStream(new java.io.BufferedOutputStream(file, 1 << 16), false,
                java.nio.charset.StandardCharsets.UTF_8)) {
            int code = run(out, stderr, selection, screen.piped());
            out.flush();
            if (out.checkError()) {
                stderr.println("sidedoor: error: --output " + Terminal.clean(output.toString()) + ": write failed");
                return ExitCodes.INPUT_ERROR;
            }
            return code;
        }
    }

    int run(PrintStream out, PrintStream err, Selection selection, Screen target) {
        Severity failSeverity;
        try {
            failSeverity = failOn == null ? null : Severity.parse(failOn);
        } catch (IllegalArgumentException e) {
            err.println("sidedoor: usage: --fail-on: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
        Severity floor;
        try {
            floor = Severity.parse(minSeverity);
        } catch (IllegalArgumentException e) {
            err.println("sidedoor: usage: --min-severity: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
        if (threads < 1) {
            err.println("sidedoor: usage: --threads must be at least 1");
            return ExitCodes.INPUT_ERROR;
        }
        Bootstrap.Settings settings = Bootstrap.Settings.defaults(Clock.systemUTC())
                .withBuiltInRules(noBuiltIn ? null : Preload::builtInRules)
                .withRuleSources(ruleDirs)
                .withTuningFile(tuningFile)
                .withFullCommandText(commandText == CommandText.full);
        Bootstrap.Started started;
        try {
            started = Bootstrap.start(settings);
        } catch (Bootstrap.SetupException e) {
            for (String error : e.ruleErrors()) {
                err.println("sidedoor: rule error: " + Terminal.clean(error));
            }
            if (e.tuningError() != null) {
                // One line per broken entry: the tuning file lists every error it found.
                for (String line : e.tuningError().split("\n")) {
                    err.println("sidedoor: tuning error: " + Terminal.clean(line));
                }
            }
            return ExitCodes.INPUT_ERROR;
        }
        for (String w : started.warnings()) {
            err.println("sidedoor: tuning: " + Terminal.clean(w));
        }
        warnUnmatchedRuleGlobs(started.engine(), err);
        // Tuning applies after the baseline, so a sensitive target still raises a routine finding.
        Tuning tuning = started.engine().tuning();
        Engine untuned = started.engine().withTuning(Tuning.none());
        if (!falconTables.isEmpty()) {
            FalconHosts hosts = FalconTables.load(falconTables, err);
            if (hosts == null) {
                return ExitCodes.INPUT_ERROR;
            }
            untuned = untuned.withSources(Sources.BUILT_IN.with(new FalconSource(hosts)));
        }
        Engine engine = untuned.withRawRecords(includeRaw);
        BaselineStore store = null;
        if (!noBaseline) {
            try {
                store = stateDir != null ? StateStore.open(stateDir) : new MemoryStore();
            } catch (IOException e) {
                err.println("sidedoor: state error: " + Terminal.clean(e.getMessage()));
                return ExitCodes.INPUT_ERROR;
            }
        }
        Inputs inputs = Inputs.expand(paths);
        for (String problem : inputs.problems()) {
            err.println("sidedoor: error: " + Terminal.clean(problem));
        }
        for (Path loop : inputs.loops()) {
            err.println("sidedoor: skipped " + Terminal.clean(loop.toString())
                    + ": a symbolic link to a folder already being walked");
        }
        if (!inputs.passedOver().isEmpty()) {
            List<String> names = inputs.passedOver().stream().limit(5).map(Path::toString).map(Terminal::clean).toList();
            int more = inputs.passedOver().size() - names.size();
            err.print(Wrap.text("sidedoor: passed over " + inputs.passedOver().size() + " file(s) in directories "
                    + "that are not named like logs (" + String.join(", ", Inputs.LOG_ENDINGS) + ") or are plain "
                    + "text: " + String.join(", ", names) + (more > 0 ? " and " + more + " more" : "")
                    + "; name a file to read it anyway", target.width()));
        }
        FindingPrinter printer;
        if (groupBy != null) {
            List<String> fields;
            try {
                fields = GroupPrinter.parse(groupBy);
            } catch (IllegalArgumentException e) {
                err.println("sidedoor: error: " + e.getMessage());
                return ExitCodes.INPUT_ERROR;
            }
            if (format == Format.ocsf) {
                err.println("sidedoor: error: --group-by prints groups, not findings: use --format table or jsonl");
                return ExitCodes.INPUT_ERROR;
            }
            printer = new GroupPrinter(fields, format == Format.jsonl, out, target.width());
        } else {
            printer = FindingPrinter.of(format, out, Version.current(), target);
        }
        Summary summary = new Summary();
        boolean inputError = !inputs.problems().isEmpty();
        long start = System.nanoTime();
        Progress progress = Progress.startIfTerminal(err, summary);
        // One file per thread; a big file also takes idle threads (ranges of JSON Lines, a .gz's inflater), so
        // then the pool has every thread --threads allows. Fewer files than threads: only then look at sizes.
        boolean helped = inputs.files().size() < threads
                && inputs.files().stream().anyMatch(i -> HelpedScan.mayUseHelpers(i, threads));
        ExecutorService pool = Executors.newFixedThreadPool(helped ? threads
                : Math.max(1, Math.min(threads, inputs.files().size())),
                r -> {
                    Thread t = new Thread(r, "sidedoor-scan");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<FileOutcome>> futures = new ArrayList<>();
            for (Inputs.Input input : inputs.files()) {
                futures.add(pool.submit(() -> scanOne(engine, input, summary, threads, pool)));
            }
            List<Finding> all = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            // Azure writes one operation as several records that may fall in different files (hourly blobs):
            // its findings are merged across the whole scan and printed at the end.
            FindingMerger azure = new FindingMerger();
            Emitter emitter = new Emitter(printer, summary, failSeverity, floor, showSuppressed, err, selection);
            for (Future<FileOutcome> f : futures) {
                FileOutcome o = join(f);
                summary.files++;
                if (o.ioError != null) {
                    inputError = true;
                    err.println("sidedoor: error: " + Terminal.clean(o.ioError));
                    continue;
                }
                if (o.warning != null) {
                    err.println("sidedoor: warning: " + Terminal.clean(o.warning, 600));
                }
                for (Rejection r : o.result.rejections()) {
                    err.println("sidedoor: error: " + Terminal.clean(r.message(), 600));
                }
                long dropped = o.result.stats().rejectedTotal() - o.result.rejections().size();
                if (dropped > 0) {
                    err.println("sidedoor: error: " + Terminal.clean(o.source) + ": " + dropped
                            + " more rejected records not shown");
                }
                if (o.result.stats().rejectedTotal() > 0) {
                    inputError = true;
                }
                summary.stats.add(o.result.stats());
                for (Finding finding : o.result.findings()) {
                    if (dev.sidedoor.core.source.Sources.mergesOperations(finding.provider())) {
                        azure.add(finding);
                    } else if (!seen.add(finding.findingId())) {
                        summary.duplicates++;
                    } else {
                        all.add(finding);
                    }
                }
            }
            summary.duplicates += azure.duplicates();
            for (Finding finding : azure.findings()) {
                all.add(finding);
            }
            // Correlations see every finding of the scan, in event-time order, before anything is lowered.
            Correlations correlations = started.engine().correlations();
            if (!correlations.isEmpty()) {
                // With a state, findings of earlier runs still within a correlation's reach count too.
                List<Finding> correlated = store != null
                        ? new Carryover(correlations, store, engine.reader().trees()).evaluate(all)
                        : correlations.evaluate(all);
                List<Finding> kept = new ArrayList<>(all.size() + correlated.size());
                for (Finding x : all) {
                    if (correlations.suppressBaseFindings(x.rule().id())) {
                        // generate: false -- the correlation speaks for them; counted, not printed.
                        summary.correlatedOnly++;
                    } else {
                        kept.add(x);
                    }
                }
                kept.addAll(correlated);
                summary.correlated += correlated.size();
                all = kept;
            }
            if (store != null) {
                Baselines baselines = new Baselines(store, tuning.baseline(), started.engine().detector()
                        .rules());
                all = baselines.apply(all);
                // The window ends at the latest event, but never later than tomorrow: one record dated 2099 must
                // not evict the whole history.
                long tomorrow = System.currentTimeMillis() + 86_400_000L;
                all.stream().mapToLong(x -> dev.sidedoor.core.event.EventTimes.epochMillis(x.event().time()))
                        .filter(ms -> ms >= 0 && ms <= tomorrow).max()
                        .ifPresent(ms -> baselines.evict((int) (ms / 86_400_000L)));
            }
            // Time order, whatever the order of the files: what a responder reads, and what --fail-on sees.
            // Each time is read once, not once per comparison.
            java.util.Map<Finding, Long> at = new java.util.IdentityHashMap<>();
            for (Finding x : all) {
                long ms = dev.sidedoor.core.event.EventTimes.epochMillis(x.event().time());
                at.put(x, ms < 0 ? Long.MAX_VALUE : ms);
            }
            all.sort(java.util.Comparator.comparingLong(at::get));
            java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
            for (Finding finding : all) {
                emitter.emit(tuning.apply(finding, today));
            }
            Map<Severity, Long> bySeverity = emitter.bySeverity;
            boolean failReached = emitter.failReached;
            printer.finish();
            progress.stop();
            summary.print(err, bySeverity, (System.nanoTime() - start) / 1e9, target.width());
            if (printSummary) {
                emitter.counts.print(err, target.width());
            }
            if (inputError || emitter.renderErrors > 0) {
                return ExitCodes.INPUT_ERROR;
            }
            return failReached ? ExitCodes.FAIL_ON_REACHED : ExitCodes.OK;
        } finally {
            progress.stop();
            pool.shutdownNow();
            if (store != null) {
                store.close();
            }
        }
    }

    /** A --rule or --exclude-rule that names no loaded rule is most likely a typo: said, not fatal. */
    private void warnUnmatchedRuleGlobs(Engine engine, PrintStream err) {
        List<String[]> known = new ArrayList<>();
        for (var r : engine.detector().rules()) {
            known.add(new String[] {r.id(), r.name()});
        }
        for (var c : engine.correlations().rules()) {
            known.add(new String[] {c.id(), c.name()});
        }
        List<String> given = new ArrayList<>(rules);
        given.addAll(excludedRules);
        for (String g : given) {
            dev.sidedoor.core.match.Glob glob = dev.sidedoor.core.match.Glob.compile(g);
            if (known.stream().noneMatch(k -> Selection.matches(glob, k[0], k[1]))) {
                err.println("sidedoor: warning: rule glob '" + Terminal.clean(g, 200) + "' matches no loaded rule "
                        + "(see 'sidedoor rules list')");
            }
        }
    }

    private static FileOutcome scanOne(Engine engine, Inputs.Input input, Summary summary, int threads,
            ExecutorService pool) {
        if (input instanceof Inputs.FileInput file) {
            try {
                InputResult helped = HelpedScan.scan(engine, file, threads, pool, summary.bytesRead);
                if (helped != null) {
                    return new FileOutcome(input.name(), helped, null, null);
                }
            } catch (IOException | RuntimeException e) {
                // the usual path below reports what is wrong with the file
            }
        }
        long known = input.knownLength();
        try (InputStream raw = input.open()) {
            UpTo upTo = known >= 0 ? new UpTo(raw, known) : null;
            CountingInputStream in = new CountingInputStream(upTo != null ? upTo : raw, summary.bytesRead);
            InputResult r = engine.scan(in, input.name(), known);
            r.stats().addBytes(in.count());
            // Before the file is closed (the try closes raw, and with it both wrappers).
            String warning = upTo != null && upTo.moreBeyond() ? grew(input, known) : null;
            return new FileOutcome(input.name(), r, null, warning);
        } catch (IOException | RuntimeException e) {
            return new FileOutcome(input.name(), null, input.name() + ": cannot read: " + e.getMessage(), null);
        }
    }

    private static FileOutcome join(Future<FileOutcome> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FileOutcome("?", null, "interrupted", null);
        } catch (ExecutionException e) {
            return new FileOutcome("?", null, "scan failed: " + e.getCause(), null);
        }
    }

    /**
     * What to say of a file read up to its size at open ({@code known}) that held more: it grew meanwhile (a log
     * being written), or its file system reports less than it holds.
     */
    static String grew(Inputs.Input input, long known) {
        long now = input.knownLength();
        String added = now > known ? "the " + (now - known) + " bytes added after the scan opened it"
                : "what it holds past its reported size";
        return input.name() + ": grew while it was read: only its first " + known + " bytes were read, not " + added
                + "; scan it again to include them";
    }

    record FileOutcome(String source, InputResult result, String ioError, String warning) {
    }

    /** Prints or counts each finding once, and notes whether --fail-on was reached. */
    static final class Emitter {
        private final FindingPrinter printer;
        private final Summary summary;
        private final Severity failSeverity;
        private final Severity floor;
        private final boolean showSuppressed;
        private final PrintStream err;
        final Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        boolean failReached;
        /** Findings the format could not render: each reported, the others still printed. */
        long renderErrors;

        private final Selection selection;
        /** What was printed, by rule, actor and target, for --summary. */
        final Counts counts = new Counts();

        Emitter(FindingPrinter printer, Summary summary, Severity failSeverity, Severity floor,
                boolean showSuppressed, PrintStream err, Selection selection) {
            this.err = err;
            this.selection = selection;
            this.printer = printer;
            this.summary = summary;
            this.failSeverity = failSeverity;
            this.floor = floor;
            this.showSuppressed = showSuppressed;
        }

        void emit(Finding finding) {
            switch (selection.check(finding)) {
                case TIME -> {
                    summary.outsideWindow++;
                    return;
                }
                case RULE -> {
                    summary.ruleFiltered++;
                    return;
                }
                case NONE -> {
                    // selected
                }
            }
            if (finding.suppressed()) {
                summary.suppressed++;
                if (showSuppressed) {
                    print(finding);
                }
                return;
            }
            bySeverity.merge(finding.severity(), 1L, Long::sum);
            if (failSeverity != null && finding.severity().atLeast(failSeverity)) {
                failReached = true;
            }
            if (finding.severity().atLeast(floor)) {
                print(finding);
            } else {
                summary.belowFloor++;
            }
        }

        private void print(Finding finding) {
            try {
                printer.print(finding);
                counts.add(finding);
            } catch (RuntimeException e) {
                renderErrors++;
                err.println("sidedoor: error: finding " + finding.findingId() + " (" + finding.rule().name()
                        + ") could not be printed: " + Terminal.clean(String.valueOf(e), 300));
            }
        }
    }

    /** Totals for the summary line; bytesRead is shared with the progress line. */
    static final class Summary {
        final java.util.concurrent.atomic.AtomicLong bytesRead = new java.util.concurrent.atomic.AtomicLong();
        final ScanStats stats = new ScanStats();
        long files;
        long suppressed;
        long duplicates;
        long correlated;
        long correlatedOnly;
        long belowFloor;
        long outsideWindow;
        long ruleFiltered;

        /**
         * Numbers here are formatted for Locale.US whatever the user's locale: ASCII digits and a dot, the same in
         * every log, and java.util.Formatter then loads no locale data (30 to 70 ms of a cold JVM otherwise).
         */
        void print(PrintStream err, Map<Severity, Long> bySeverity, double seconds, int width) {
            long bytes = bytesRead.get();
            double mb = bytes / 1e6;
            StringBuilder out = new StringBuilder();
            out.append(Wrap.text(String.format(Locale.US, "sidedoor: scanned %d file(s), %.1f\u00a0MB, %d record(s), %d "
                    + "audit event(s) in %.2f\u00a0s (%.1f\u00a0MB/s)", files, mb, stats.records(), stats.events(),
                    seconds, seconds > 0 ? mb / seconds : 0), width));
            StringBuilder b = new StringBuilder();
            long live = bySeverity.values().stream().mapToLong(Long::longValue).sum();
            b.append("sidedoor: findings: ").append(live);
            if (live > 0) {
                b.append(" (");
                boolean first = true;
                for (Severity s : Severity.values()) {
                    Long n = bySeverity.get(s);
                    if (n != null) {
                        b.append(first ? "" : ", ").append(s.label()).append(Wrap.GLUE).append(n);
                        first = false;
                    }
                }
                b.append(')');
            }
            b.append(", suppressed: ").append(suppressed);
            if (duplicates > 0) {
                b.append(", duplicates folded: ").append(duplicates);
            }
            if (stats.superseded() > 0) {
                b.append(", superseded by a more specific rule: ").append(stats.superseded());
            }
            if (correlated > 0) {
                b.append(", correlated: ").append(correlated);
            }
            if (correlatedOnly > 0) {
                b.append(", shown only through their correlation (generate: false): ").append(correlatedOnly);
            }
            if (stats.foldedLogInSteps() > 0) {
                b.append(", log-in steps folded into their log-in: ").append(stats.foldedLogInSteps());
            }
            if (stats.clippedRecords() > 0) {
                b.append(", records with an oversized field clipped (evaluated; see the finding notes): ")
                        .append(stats.clippedRecords());
            }
            if (belowFloor > 0) {
                b.append(", not shown (below --min-severity): ").append(belowFloor);
            }
            if (outsideWindow > 0) {
                b.append(", not shown (outside --since/--until): ").append(outsideWindow);
            }
            if (ruleFiltered > 0) {
                b.append(", not shown (--rule/--exclude-rule): ").append(ruleFiltered);
            }
            out.append(Wrap.text(b.toString(), width));
            if (!stats.rejected().isEmpty()) {
                out.append(Wrap.text("sidedoor: rejected records: " + stats.rejectedTotal(), width));
                reasons(out, stats.rejected(), width);
            }
            if (!stats.skipped().isEmpty()) {
                out.append(Wrap.text("sidedoor: skipped (not scanned by design): " + stats.skipped().values()
                        .stream().mapToLong(Long::longValue).sum(), width));
                reasons(out, stats.skipped(), width);
            }
            err.print(out);
        }

        /** One line per reason, most frequent first: the count, then the reason cut to the screen. */
        private static void reasons(StringBuilder out, Map<String, Long> counts, int width) {
            List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
            sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            for (Map.Entry<String, Long> e : sorted) {
                String count = String.format(Locale.US, "  %7d  ", e.getValue());
                out.append(count).append(Shorten.fitHead(Terminal.clean(e.getKey()), Math.max(1, width - count.length())))
                        .append(System.lineSeparator());
            }
        }
    }

    /** Printed findings counted by rule, actor and target, for --summary. */
    static final class Counts {
        private static final int SHOWN = 10;
        private final Map<String, Long> byRule = new java.util.HashMap<>();
        private final Map<String, Long> byActor = new java.util.HashMap<>();
        private final Map<String, Long> byTarget = new java.util.HashMap<>();
        private long total;

        void add(Finding f) {
            total++;
            byRule.merge(f.rule().name(), 1L, Long::sum);
            byActor.merge(f.actor() == null ? "-" : f.actor(), 1L, Long::sum);
            byTarget.merge(f.target() == null ? "-" : f.target(), 1L, Long::sum);
        }

        void print(PrintStream err, int width) {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.US, "sidedoor: summary of the %d finding(s) printed%n", total));
            section(b, "rule", byRule, width);
            section(b, "actor", byActor, width);
            section(b, "target", byTarget, width);
            err.print(b);
        }

        /** Largest count first, then by name; each value cleaned and clipped, its ends kept. */
        private static void section(StringBuilder b, String what, Map<String, Long> counts, int width) {
            if (counts.isEmpty()) {
                return;
            }
            b.append(String.format(Locale.US, "  by %s:%n", what));
            List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
            sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            for (Map.Entry<String, Long> e : sorted.subList(0, Math.min(SHOWN, sorted.size()))) {
                String v = Terminal.clean(e.getKey());
                v = what.equals("actor") ? Shorten.fitActor(v, width - 11) : Shorten.fitPath(v, width - 11);
                b.append(String.format(Locale.US, "  %7d  %s%n", e.getValue(), v));
            }
            if (sorted.size() > SHOWN) {
                b.append(String.format(Locale.US, "           and %d more%n", sorted.size() - SHOWN));
            }
        }
    }
}
