package dev.sidedoor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The sidedoor command line: scan logs for direct cloud VM connections, manage rules. */
@Command(name = "sidedoor",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Detects direct cloud VM connections (MITRE ATT&CK T1021.008) and cloud administration "
                + "commands (T1651) in AWS CloudTrail, Azure Activity Log and GCP audit logs.",
        subcommands = {ScanCommand.class, RulesCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code, without exiting (for tests). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("sidedoor: error: " + Terminal.clean(String.valueOf(ex.getMessage())));
            return ExitCodes.INPUT_ERROR;
        });
        return cl.execute(args);
    }
}
