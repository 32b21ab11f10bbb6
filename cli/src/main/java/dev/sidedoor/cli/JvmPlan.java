package dev.sidedoor.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;

/**
 * Decides whether a scan should run in a second JVM fitted to its input, and with which options: a bounded heap, a
 * JIT that does not take the scan's cores, and the class-data archive the build made beside the jar.
 *
 * <p>A scan keeps only 7 to 14 MB live, but the JVM's defaults size the heap from the machine's RAM (a quarter of
 * it at most, 1/64 at start): G1 then lets the young generation grow to hundreds of MB and RSS follows, for no
 * speed. The default JIT compiles hot code twice, and on a machine whose cores the scan's threads all use, C2's
 * compiling costs more than its code saves below a few GB. A JVM cannot change either once started and a jar's
 * manifest cannot carry JVM options, so the only way to give {@code java -jar sidedoor.jar} fitting ones is to
 * start the JVM again with them. Pure functions of the arguments, the JVM's options and the environment, so each
 * rule here is unit-tested.
 */
final class JvmPlan {

    /** Set in the child's environment: a relaunched sidedoor never relaunches again. */
    static final String MARKER = "SIDEDOOR_RELAUNCHED";
    /** {@code SIDEDOOR_RELAUNCH=0} keeps the scan in the JVM the user started. */
    static final String OPT_OUT = "SIDEDOOR_RELAUNCH";

    /**
     * The heap for a scan of {@link #LARGE_INPUT} or more. The serial collector reuses one small eden in place, where G1 spreads its young regions over
     * the committed heap and so touches ever more of it (G1 with -Xmn32m still reached 416 MB RSS on 3 GB);
     * -Xmn keeps eden at 32 MB whatever the heap grows to (16 young collections per 300 MB, no full one), -Xms
     * keeps the old generation from starting at 1/64 of RAM and filling with promoted garbage before it is ever
     * collected, and -Xmx leaves room for a few records near the 64 MB record limit at once rather than failing
     * on them: the heap grows only when the live data does.
     */
    static final List<String> OPTIONS = List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmn32m", "-Xmx1g");

    /** Input from which a bounded heap pays: a default JVM scanning 76 MB peaked at 130 MB RSS, 300 MB at 400 MB. */
    static final long LARGE_INPUT = 64L << 20;

    /**
     * The JIT option for a scan of less than {@link #C2_PAYS_FROM}: C1's code only, no C2. On two cores C2 competes
     * with the two scanning threads for about 3 s of CPU in a 3 GB scan, and its code arrives late; C1's code is
     * about 1.45x slower per byte but ready at once. Whole process, alternating runs (BENCHMARKS.md, "JIT"): 30 MB
     * 1.10 to 0.67 s, 300 MB 1.78 to 1.17 s, 3 GB 4.8 to 4.1 s, 4.5 GB 6.2 to 5.5 s; at 6 GB C2 wins (8.0 against
     * 8.8 s), at 9 GB by 10 %.
     */
    static final List<String> C1_ONLY = List.of("-XX:TieredStopAtLevel=1");

    /**
     * Input from which C2's faster code repays its compilations (measured between 4.5 and 6 GB on two cores). C1
     * alone is chosen only when the scan has as many threads as the machine has cores: with a core to spare C2
     * compiles beside the scan for free (3 GB with --threads 1 on two cores: 5.4 s tiered, 7.2 s with C1 alone).
     */
    static final long C2_PAYS_FROM = 5L << 30;

    /**
     * Input from which a relaunch for the JIT alone pays for the second JVM start (about 0.15 s): at 7.5 MB it
     * did not (0.80 s against 0.78 s), from 15 MB on it did (0.89 against 1.06 s; 30 MB 0.96 against 1.05 s).
     */
    static final long JIT_RELAUNCH_FROM = 16L << 20;

    /**
     * The same with the class-data archive the build makes beside the jar: the child then starts faster than this
     * JVM goes on ({@code scan examples/}, 0.9 MB: 1.3 s here, 0.7 s in a child with C1 alone and the archive), so
     * any input will do. Without any ({@code scan --help}, a path that does not exist) it runs here.
     */
    static final long ARCHIVED_RELAUNCH_FROM = 1;

    /** A heap limit this small keeps RSS under 256 MB by itself. */
    private static final long SMALL_HEAP = 160L << 20;

    /** Options by which a user has already chosen the heap or the collector. */
    private static final List<String> HEAP_CHOICES = List.of("-Xmx", "-Xms", "-Xmn", "-XX:MaxHeapSize",
            "-XX:InitialHeapSize", "-XX:MinHeapSize", "-XX:MaxRAM", "-XX:InitialRAM", "-XX:MinRAM", "-XX:NewSize",
            "-XX:MaxNewSize", "-XX:NewRatio", "-XX:Flags=", "-XX:VMOptionsFile=");

    /** Options by which a user has already chosen a class-data archive, or none. */
    private static final List<String> ARCHIVE_CHOICES = List.of("-XX:SharedArchiveFile", "-Xshare",
            "-XX:-UseSharedSpaces");

    /** Options by which a user has already chosen how code is compiled. */
    private static final List<String> JIT_CHOICES = List.of("-Xint", "-Xcomp", "-Xmixed", "-XX:TieredStopAtLevel",
            "-XX:+TieredCompilation", "-XX:-TieredCompilation", "-XX:Tier", "-XX:CompileThreshold",
            "-XX:CICompilerCount", "-XX:+UseJVMCICompiler", "-XX:Flags=", "-XX:VMOptionsFile=");

    /** The environment variables through which the java launcher and the JVM take options. */
    static final List<String> OPTION_VARIABLES = List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS",
            "_JAVA_OPTIONS");

    private JvmPlan() {
    }

    /**
     * What the plan knows of the JVM it runs in.
     *
     * @param options its options, read only when needed: reading them loads the management classes (about 25 ms)
     * @param maxHeapBytes its heap limit
     * @param cores the processors it may use
     * @param archive the class-data archive beside the jar ({@code sidedoor.jsa}, made by the build), or null
     * @param vmName its {@code java.vm.name}
     */
    record ThisJvm(Supplier<List<String>> options, long maxHeapBytes, int cores, String archive, String vmName) {
        /** A HotSpot JVM, as the tests describe one. */
        ThisJvm(Supplier<List<String>> options, long maxHeapBytes, int cores, String archive) {
            this(options, maxHeapBytes, cores, archive, "OpenJDK 64-Bit Server VM");
        }
    }

    /**
     * The JVM options to relaunch with, or empty to run here. Only a scan is relaunched (the other commands read
     * little), never twice, never when the user opted out, is debugging or writes a class-data archive, and never
     * for less than {@link #JIT_RELAUNCH_FROM} of input ({@link #ARCHIVED_RELAUNCH_FROM} with an archive).
     *
     * <p>Only a HotSpot JVM ({@link #isHotSpot}) is relaunched: the options are HotSpot's.
     *
     * <p>The child gets {@link #OPTIONS} unless the user chose the heap or collector, this JVM's heap limit is
     * already small (a small container) or the input is under {@link #LARGE_INPUT}; and {@link #C1_ONLY} unless
     * the user chose how code is compiled, the input is at least {@link #C2_PAYS_FROM} or {@code --threads} leaves
     * a core free. With neither, it runs here; with either, it also gets the archive, unless the user chose one.
     * {@code inputBytes}, given a cap, answers the input's bytes counted up to that cap.
     */
    static Optional<List<String>> relaunchOptions(String[] args, ThisJvm jvm, Map<String, String> env,
            LongUnaryOperator inputBytes) {
        if (args.length == 0 || !args[0].equals("scan")) {
            return Optional.empty();
        }
        if (env.containsKey(MARKER) || "0".equals(env.get(OPT_OUT)) || !isHotSpot(jvm.vmName())) {
            return Optional.empty();
        }
        long bytes = inputBytes.applyAsLong(C2_PAYS_FROM);
        if (bytes < (jvm.archive() == null ? JIT_RELAUNCH_FROM : ARCHIVED_RELAUNCH_FROM)) {
            return Optional.empty();
        }
        List<String> given = jvm.options().get();
        if (mustStay(given)) {
            return Optional.empty();
        }
        List<String> options = new ArrayList<>();
        if (bytes >= LARGE_INPUT && jvm.maxHeapBytes() > SMALL_HEAP && !userChoseHeap(given, env)) {
            options.addAll(OPTIONS);
        }
        if (bytes < C2_PAYS_FROM && scanThreads(args, jvm.cores()) >= jvm.cores() && !userChoseJit(given, env)) {
            options.addAll(C1_ONLY);
        }
        if (options.isEmpty()) {
            return Optional.empty();
        }
        if (jvm.archive() != null && !userChose(given, env, ARCHIVE_CHOICES)) {
            options.addAll(archiveOptions(jvm.archive()));
        }
        return Optional.of(List.copyOf(options));
    }

    /**
     * Whether {@code vmName} ({@code java.vm.name}) is HotSpot, whose options every plan is made of: "OpenJDK
     * 64-Bit Server VM" (Temurin, Corretto, Zulu, Microsoft, GraalVM), "Java HotSpot(TM) 64-Bit Server VM"
     * (Oracle). Another JVM (Eclipse OpenJ9 VM, Zing) has its own heap, JIT and archive options and warns about
     * HotSpot's (OpenJ9: "JVMJ9VM007W Command-line option unrecognised: -Xlog:cds=off"), so a scan there runs in
     * the JVM the user started.
     */
    static boolean isHotSpot(String vmName) {
        return vmName != null && (vmName.startsWith("OpenJDK") || vmName.contains("HotSpot"));
    }

    /** The options that map {@code archive}; a JVM that cannot use it (another JDK, a changed jar) says nothing. */
    static List<String> archiveOptions(String archive) {
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /**
     * The threads a scan will use, read the way picocli reads {@code --threads N} or {@code --threads=N}: the
     * machine's cores when not given, and also when the value is not a number (picocli then refuses it).
     */
    static int scanThreads(String[] args, int cores) {
        int threads = cores;
        for (int i = 1; i < args.length; i++) {
            String value = args[i].startsWith("--threads=") ? args[i].substring("--threads=".length())
                    : args[i].equals("--threads") && i + 1 < args.length ? args[++i] : null;
            if (value != null) {
                try {
                    threads = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    threads = cores;
                }
            }
        }
        return threads;
    }

    /**
     * Whether this JVM is being debugged or is writing a class-data archive: a relaunch would move the program
     * away from the debugger (and the child would try to bind its port), or leave the archive with the parent's
     * few classes.
     */
    static boolean mustStay(List<String> jvmArgs) {
        for (String arg : jvmArgs) {
            if (arg.startsWith("-agentlib:jdwp") || arg.startsWith("-Xrunjdwp")
                    || arg.startsWith("-XX:ArchiveClassesAtExit")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the heap or collector was chosen on the command line or through the launcher's variables. */
    static boolean userChoseHeap(List<String> jvmArgs, Map<String, String> env) {
        return userChose(jvmArgs, env, HEAP_CHOICES);
    }

    /** Whether the JIT was chosen on the command line or through the launcher's variables. */
    static boolean userChoseJit(List<String> jvmArgs, Map<String, String> env) {
        return userChose(jvmArgs, env, JIT_CHOICES);
    }

    private static boolean userChose(List<String> jvmArgs, Map<String, String> env, List<String> choices) {
        for (String arg : jvmArgs) {
            if (chooses(arg, choices)) {
                return true;
            }
        }
        for (String name : OPTION_VARIABLES) {
            String value = env.get(name);
            if (value != null) {
                for (String arg : value.trim().split("\\s+")) {
                    if (chooses(arg, choices)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean chooses(String arg, List<String> choices) {
        for (String prefix : choices) {
            if (arg.startsWith(prefix)) {
                return true;
            }
        }
        // -XX:+UseSerialGC, -XX:+UseG1GC, -XX:+UseZGC...: a collector the user picked is kept with its defaults.
        return choices == HEAP_CHOICES && arg.startsWith("-XX:+Use") && arg.endsWith("GC");
    }
}
