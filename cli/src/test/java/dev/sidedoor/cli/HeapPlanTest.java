package dev.sidedoor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeapPlanTest {

    private static final String[] SCAN = {"scan", "--format", "jsonl", "logs/"};
    private static final long DEFAULT_HEAP = 5_900L << 20;
    private static final BooleanSupplier LARGE = () -> true;

    private static Optional<List<String>> plan(String[] args, List<String> jvmArgs, Map<String, String> env) {
        return HeapPlan.relaunchOptions(args, jvmArgs, env, DEFAULT_HEAP, LARGE);
    }

    @Test
    void aLargeScanInADefaultJvmIsRelaunchedWithThePlansOptions() {
        assertEquals(Optional.of(HeapPlan.OPTIONS),
                plan(SCAN, List.of("-Dfile.encoding=UTF-8", "-XX:SharedArchiveFile=/x.jsa", "-Xss2m"), Map.of()));
    }

    @Test
    void otherCommandsAndAnEmptyCommandLineRunHere() {
        assertTrue(plan(new String[] {"rules", "list"}, List.of(), Map.of()).isEmpty());
        assertTrue(plan(new String[] {"--version"}, List.of(), Map.of()).isEmpty());
        assertTrue(plan(new String[0], List.of(), Map.of()).isEmpty());
    }

    @Test
    void theRelaunchedChildNeverRelaunchesAgain() {
        assertTrue(plan(SCAN, List.of(), Map.of(HeapPlan.MARKER, "1")).isEmpty());
    }

    @Test
    void theUserCanOptOut() {
        assertTrue(plan(SCAN, List.of(), Map.of(HeapPlan.OPT_OUT, "0")).isEmpty());
        assertTrue(plan(SCAN, List.of(), Map.of(HeapPlan.OPT_OUT, "1")).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xmx2g", "-Xms64m", "-Xmn16m", "-XX:MaxHeapSize=1g", "-XX:InitialHeapSize=1g",
        "-XX:MaxRAMPercentage=10", "-XX:MaxRAM=1g", "-XX:InitialRAMPercentage=1", "-XX:MaxNewSize=8m",
        "-XX:NewRatio=3", "-XX:+UseG1GC", "-XX:+UseZGC", "-XX:+UseSerialGC", "-XX:Flags=/etc/flags",
        "-XX:VMOptionsFile=opts", "-agentlib:jdwp=transport=dt_socket,server=y", "-XX:ArchiveClassesAtExit=a.jsa"})
    void aHeapCollectorDebuggerOrArchiveChosenOnTheCommandLineIsKept(String arg) {
        assertTrue(plan(SCAN, List.of("-Dx=y", arg), Map.of()).isEmpty(), arg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS"})
    void aHeapChosenInTheLaunchersVariablesIsKept(String variable) {
        assertTrue(plan(SCAN, List.of(), Map.of(variable, " -Dx=1   -Xmx300m ")).isEmpty());
        assertTrue(plan(SCAN, List.of(), Map.of(variable, "-Dx=1 -XX:+UseCompressedOops")).isPresent());
    }

    @Test
    void optionsThatLeaveTheHeapAloneDoNotCount() {
        assertFalse(HeapPlan.userChose(List.of("-Xss4m", "-XX:+UseCompressedOops", "-XX:+UseGCOverheadLimit",
                "-Xlog:cds=off", "-ea", "-javaagent:agent.jar"), Map.of("JAVA_HOME", "/jdk")));
    }

    @Test
    void aSmallInputOrAnAlreadySmallHeapRunsHereAndTheDiskIsReadLast() {
        assertTrue(HeapPlan.relaunchOptions(SCAN, List.of(), Map.of(), DEFAULT_HEAP, () -> false).isEmpty());
        assertTrue(HeapPlan.relaunchOptions(SCAN, List.of(), Map.of(), 128L << 20, LARGE).isEmpty());
        BooleanSupplier mustNotBeAsked = () -> {
            throw new AssertionError("input size asked although the plan was already settled");
        };
        assertTrue(HeapPlan.relaunchOptions(SCAN, List.of("-Xmx1g"), Map.of(), DEFAULT_HEAP, mustNotBeAsked)
                .isEmpty());
    }

    /** bin/sidedoor gives the JVM the same options as the jar's relaunch, so both paths scan alike. */
    @Test
    void theLauncherScriptUsesThePlansOptions() throws Exception {
        String script = Files.readString(Cli.repo().resolve("bin/sidedoor"));
        Matcher m = Pattern.compile("(?m)^heap=\\((.*)\\)$").matcher(script);
        assertTrue(m.find(), "no heap=(...) line in bin/sidedoor");
        assertEquals(HeapPlan.OPTIONS, List.of(m.group(1).trim().split("\\s+")));
    }
}
