package dev.sidedoor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidedoor.core.detect.Detector;
import dev.sidedoor.core.detect.EventBridgePattern;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sidedoor eventbridge-pattern}: the EventBridge rule pattern that sends the Lambda exactly the CloudTrail
 * calls the loaded AWS rules can match. template.yaml carries the pattern for the built-in rules; a test keeps
 * the two equal.
 */
@Command(name = "eventbridge-pattern", mixinStandardHelpOptions = true,
        description = "Print the EventBridge event pattern (JSON) for the AWS CloudTrail calls the rules need.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:pattern printed", "1:a rule cannot be expressed as a pattern, or rules have errors",
                "2:usage error"})
final class EventBridgePatternCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rules", paramLabel = "DIR", description = "Extra rule directory; repeatable.")
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--no-builtin-rules", description = "Use only the rules given with --rules.")
    boolean noBuiltIn;

    @Option(names = "--compact", description = "Print the pattern on one line.")
    boolean compact;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RuleSets sets = RuleSets.load(!noBuiltIn, dirs);
        for (String e : sets.errors()) {
            err.println("sidedoor: rule error: " + Terminal.clean(e));
        }
        if (!sets.errors().isEmpty()) {
            return ExitCodes.FAIL_ON_REACHED;
        }
        ObjectNode pattern;
        try {
            pattern = EventBridgePattern.derive(new Detector(sets.rules()).cloudTrailRules());
        } catch (IllegalArgumentException e) {
            err.println("sidedoor: error: " + Terminal.clean(e.getMessage()));
            return ExitCodes.FAIL_ON_REACHED;
        }
        ObjectMapper json = new ObjectMapper();
        out.println(compact ? json.writeValueAsString(pattern)
                : json.writerWithDefaultPrettyPrinter().writeValueAsString(pattern));
        out.flush();
        return ExitCodes.OK;
    }
}
