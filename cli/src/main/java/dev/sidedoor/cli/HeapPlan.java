package dev.sidedoor.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Decides whether a scan should run in a second JVM with a bounded heap, and with which options.
 *
 * <p>A scan keeps only 7 to 14 MB live, but the JVM's defaults size the heap from the machine's RAM (a quarter of
 * it at most, 1/64 at start): G1 then lets the young generation grow to hundreds of MB and RSS follows, for no
 * speed. A JVM cannot lower its heap limit once started and a jar's manifest cannot carry JVM options, so the
 * only way to give {@code java -jar sidedoor.jar} a fitting heap is to start the JVM again with it. Pure
 * functions of the arguments, the JVM's options and the environment, so each rule here is unit-tested.
 */
final class HeapPlan {

    /** Set in the child's environment: a relaunched sidedoor never relaunches again. */
    static final String MARKER = "SIDEDOOR_RELAUNCHED";
    /** {@code SIDEDOOR_RELAUNCH=0} keeps the scan in the JVM the user started. */
    static final String OPT_OUT = "SIDEDOOR_RELAUNCH";

    /**
     * The options both paths give the scan's JVM: the jar's own relaunch and {@code bin/sidedoor} (a test holds
     * them equal). The serial collector reuses one small eden in place, where G1 spreads its young regions over
     * the committed heap and so touches ever more of it (G1 with -Xmn32m still reached 416 MB RSS on 3 GB);
     * -Xmn keeps eden at 32 MB whatever the heap grows to (16 young collections per 300 MB, no full one), -Xms
     * keeps the old generation from starting at 1/64 of RAM and filling with promoted garbage before it is ever
     * collected, and -Xmx leaves room for a few records near the 64 MB record limit at once rather than failing
     * on them: the heap grows only when the live data does.
     */
    static final List<String> OPTIONS = List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmn32m", "-Xmx1g");

    /** Input from which a relaunch pays: a default JVM scanning 76 MB peaked at 130 MB RSS, 300 MB at 400 MB. */
    static final long LARGE_INPUT = 64L << 20;

    /** A heap limit this small keeps RSS under 256 MB by itself. */
    private static final long SMALL_HEAP = 160L << 20;

    /** Options by which a user (or {@code bin/sidedoor}) has already chosen the heap or the collector. */
    private static final List<String> HEAP_CHOICES = List.of("-Xmx", "-Xms", "-Xmn", "-XX:MaxHeapSize",
            "-XX:InitialHeapSize", "-XX:MinHeapSize", "-XX:MaxRAM", "-XX:InitialRAM", "-XX:MinRAM", "-XX:NewSize",
            "-XX:MaxNewSize", "-XX:NewRatio", "-XX:Flags=", "-XX:VMOptionsFile=");

    /** The environment variables through which the java launcher and the JVM take options. */
    static final List<String> OPTION_VARIABLES = List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS",
            "_JAVA_OPTIONS");

    private HeapPlan() {
    }

    /**
     * The JVM options to relaunch with, or empty to run here: only a scan is relaunched (the other commands read
     * little and the second start-up would cost more than it saves), never twice, never when the user opted out
     * or chose the heap or collector. Not either when this JVM's heap limit is already small (a small container)
     * or the input is small: then the heap never grows far, and a second JVM start-up (about 0.15 s of CPU)
     * would cost more than the serial collector saves. {@code largeInput} is asked last, as it reads the disk.
     */
    static Optional<List<String>> relaunchOptions(String[] args, List<String> jvmArgs, Map<String, String> env,
            long maxHeapBytes, BooleanSupplier largeInput) {
        if (args.length == 0 || !args[0].equals("scan")) {
            return Optional.empty();
        }
        if (env.containsKey(MARKER) || "0".equals(env.get(OPT_OUT)) || userChose(jvmArgs, env)) {
            return Optional.empty();
        }
        if (maxHeapBytes <= SMALL_HEAP || !largeInput.getAsBoolean()) {
            return Optional.empty();
        }
        return Optional.of(OPTIONS);
    }

    /**
     * Whether the heap or collector was chosen on the command line or through the launcher's variables, or this
     * JVM is being debugged or is writing a class-data archive: a relaunch would move the program away from the
     * debugger (and the child would try to bind its port), or leave the archive with the parent's few classes.
     */
    static boolean userChose(List<String> jvmArgs, Map<String, String> env) {
        for (String arg : jvmArgs) {
            if (choosesHeap(arg) || arg.startsWith("-agentlib:jdwp") || arg.startsWith("-Xrunjdwp")
                    || arg.startsWith("-XX:ArchiveClassesAtExit")) {
                return true;
            }
        }
        for (String name : OPTION_VARIABLES) {
            String value = env.get(name);
            if (value != null) {
                for (String arg : value.trim().split("\\s+")) {
                    if (choosesHeap(arg)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean choosesHeap(String arg) {
        for (String prefix : HEAP_CHOICES) {
            if (arg.startsWith(prefix)) {
                return true;
            }
        }
        // -XX:+UseSerialGC, -XX:+UseG1GC, -XX:+UseZGC...: a collector the user picked is kept with its defaults.
        return arg.startsWith("-XX:+Use") && arg.endsWith("GC");
    }
}
