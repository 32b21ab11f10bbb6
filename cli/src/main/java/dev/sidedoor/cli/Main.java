package dev.sidedoor.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The sidedoor command line: scan logs for direct cloud VM connections, manage rules. */
@Command(name = "sidedoor",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Detects direct cloud VM connections (MITRE ATT&CK T1021.008) and cloud administration "
                + "commands (T1651) in AWS CloudTrail, Azure Activity Log and GCP audit logs.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done", "1:a finding reached --fail-on, or rules failed validation or their tests",
            "2:usage error, or some input (a log, a rules folder, a tuning file) could not be read"})
public final class Main {

    /**
     * The subcommands, in help order. They are added by hand rather than listed in the annotation: picocli builds
     * the model of every listed command up front, and a run of {@code scan} needs only scan's (about a fifth of
     * picocli's start-up). Help, completion and anything unknown still get them all.
     */
    private static final Map<String, Class<?>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("scan", ScanCommand.class);
        SUBCOMMANDS.put("rules", RulesCommand.class);
        SUBCOMMANDS.put("eventbridge-pattern", EventBridgePatternCommand.class);
        SUBCOMMANDS.put("baseline", BaselineCommand.class);
        SUBCOMMANDS.put("help", CommandLine.HelpCommand.class);
        SUBCOMMANDS.put("generate-completion", AutoComplete.GenerateCompletion.class);
    }

    /** Only the named subcommand when the first argument names one that works alone; every one otherwise. */
    static List<String> subcommandsFor(String... args) {
        String first = args.length == 0 ? "" : args[0];
        boolean alone = SUBCOMMANDS.containsKey(first) && !first.equals("help")
                && !first.equals("generate-completion");
        return alone ? List.of(first) : List.copyOf(SUBCOMMANDS.keySet());
    }

    public static void main(String[] args) {
        // First, before picocli and the rules load: a scan may be better run in a JVM with a bounded heap.
        OptionalInt relaunched = Relaunch.ifNeeded(args);
        if (relaunched.isPresent()) {
            System.exit(relaunched.getAsInt());
        }
        Relaunch.reportJvmIfAsked();
        Preload.start();
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code, without exiting. */
    public static int run(String... args) {
        return run(System.out, System.err, args);
    }

    /** Runs the command line with the given standard output and error (tests capture them). */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return run(out, err, Screen.system(), args);
    }

    /** Runs the command line as if standard output were {@code screen} (tests set COLUMNS, NO_COLOR, a tty). */
    static int run(PrintStream out, PrintStream err, Screen screen, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == ScanCommand.class) {
                    return cls.cast(new ScanCommand(out, err, screen));
                }
                if (cls == BaselineCommand.Push.class) {
                    return cls.cast(new BaselineCommand.Push(out, err));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        };
        CommandLine cl = new CommandLine(new Main(), factory);
        for (String name : subcommandsFor(args)) {
            try {
                cl.addSubcommand(name, factory.create(SUBCOMMANDS.get(name)));
            } catch (Exception e) {
                throw new IllegalStateException("cannot create the " + name + " command", e);
            }
        }
        cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            for (String line : String.valueOf(ex.getMessage()).split("\n")) {
                cmd.getErr().println("sidedoor: error: " + Terminal.clean(line.strip()));
            }
            return ExitCodes.INPUT_ERROR;
        });
        return cl.execute(args);
    }

    /** A usage error: the message and a one-line hint, not the whole help. */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("sidedoor: usage: " + Terminal.clean(String.valueOf(ex.getMessage())));
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            err.println("Did you mean: " + Terminal.clean(String.join(" or ", u.getSuggestions()), 300) + "?");
        }
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.INPUT_ERROR;
    }
}
