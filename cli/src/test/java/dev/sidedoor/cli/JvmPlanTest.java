package dev.sidedoor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JvmPlanTest {

    private static final String[] SCAN = {"scan", "--format", "jsonl", "logs/"};
    private static final long DEFAULT_HEAP = 5_900L << 20;
    private static final int CORES = 2;
    private static final long SMALL_HEAP = 128L << 20;
    /** 300 MB: a bounded heap and C1 alone. */
    private static final LongUnaryOperator LARGE = cap -> Math.min(cap, 300L << 20);

    private static Optional<List<String>> plan(String[] args, List<String> jvmArgs, Map<String, String> env) {
        return JvmPlan.relaunchOptions(args, jvm(jvmArgs), env, LARGE);
    }

    private static JvmPlan.ThisJvm jvm(List<String> options) {
        return new JvmPlan.ThisJvm(() -> options, DEFAULT_HEAP, CORES, null);
    }

    private static Optional<List<String>> planFor(long inputBytes) {
        return JvmPlan.relaunchOptions(SCAN, jvm(List.of()), Map.of(), cap -> Math.min(cap, inputBytes));
    }

    private static List<String> both() {
        List<String> all = new ArrayList<>(JvmPlan.OPTIONS);
        all.addAll(JvmPlan.C1_ONLY);
        return all;
    }

    @Test
    void aLargeScanInADefaultJvmIsRelaunchedWithThePlansOptions() {
        assertEquals(Optional.of(both()),
                plan(SCAN, List.of("-Dfile.encoding=UTF-8", "-XX:SharedArchiveFile=/x.jsa", "-Xss2m"), Map.of()));
    }

    @Test
    void theJitFollowsTheInputsSize() {
        assertTrue(planFor(JvmPlan.JIT_RELAUNCH_FROM - 1).isEmpty(), "too small for a second JVM to pay");
        assertEquals(Optional.of(JvmPlan.C1_ONLY), planFor(JvmPlan.JIT_RELAUNCH_FROM));
        assertEquals(Optional.of(JvmPlan.C1_ONLY), planFor(JvmPlan.LARGE_INPUT - 1));
        assertEquals(Optional.of(both()), planFor(JvmPlan.LARGE_INPUT));
        assertEquals(Optional.of(both()), planFor(JvmPlan.C2_PAYS_FROM - 1));
        assertEquals(Optional.of(JvmPlan.OPTIONS), planFor(JvmPlan.C2_PAYS_FROM), "C2 pays from here");
        assertEquals(Optional.of(JvmPlan.OPTIONS), planFor(Long.MAX_VALUE));
    }

    @Test
    void theSizeIsCountedNoFurtherThanTheLastThresholdAndStandardInputIsNotShortened() throws Exception {
        long[] asked = new long[1];
        JvmPlan.relaunchOptions(SCAN, jvm(List.of()), Map.of(), cap -> {
            asked[0] = cap;
            return cap;
        });
        assertEquals(JvmPlan.C2_PAYS_FROM, asked[0]);
        // A pipe may carry a year of logs: a bounded heap and the default JIT.
        String[] stdin = {"scan", "-"};
        assertEquals(Optional.of(JvmPlan.OPTIONS), JvmPlan.relaunchOptions(stdin, jvm(List.of()),
                Map.of(), cap -> ScanSize.upTo(new String[] {"scan", "-"}, cap)));
    }

    @Test
    void otherCommandsAndAnEmptyCommandLineRunHere() {
        assertTrue(plan(new String[] {"rules", "list"}, List.of(), Map.of()).isEmpty());
        assertTrue(plan(new String[] {"--version"}, List.of(), Map.of()).isEmpty());
        assertTrue(plan(new String[0], List.of(), Map.of()).isEmpty());
    }

    @Test
    void theRelaunchedChildNeverRelaunchesAgain() {
        assertTrue(plan(SCAN, List.of(), Map.of(JvmPlan.MARKER, "1")).isEmpty());
    }

    @Test
    void theUserCanOptOut() {
        assertTrue(plan(SCAN, List.of(), Map.of(JvmPlan.OPT_OUT, "0")).isEmpty());
        assertTrue(plan(SCAN, List.of(), Map.of(JvmPlan.OPT_OUT, "1")).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xmx2g", "-Xms64m", "-Xmn16m", "-XX:MaxHeapSize=1g", "-XX:InitialHeapSize=1g",
        "-XX:MaxRAMPercentage=10", "-XX:MaxRAM=1g", "-XX:InitialRAMPercentage=1", "-XX:MaxNewSize=8m",
        "-XX:NewRatio=3", "-XX:+UseG1GC", "-XX:+UseZGC", "-XX:+UseSerialGC"})
    void aHeapOrCollectorChosenOnTheCommandLineIsKeptAndOnlyTheJitIsAdded(String arg) {
        assertEquals(Optional.of(JvmPlan.C1_ONLY), plan(SCAN, List.of("-Dx=y", arg), Map.of()), arg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-XX:TieredStopAtLevel=4", "-XX:-TieredCompilation", "-XX:+TieredCompilation", "-Xint",
        "-Xcomp", "-XX:Tier4InvocationThreshold=100", "-XX:CICompilerCount=3", "-XX:CompileThreshold=100"})
    void aJitChosenOnTheCommandLineIsKeptAndOnlyTheHeapIsAdded(String arg) {
        assertEquals(Optional.of(JvmPlan.OPTIONS), plan(SCAN, List.of("-Dx=y", arg), Map.of()), arg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-XX:Flags=/etc/flags", "-XX:VMOptionsFile=opts"})
    void optionsFromAFileMayChooseAnythingSoNothingIsAdded(String arg) {
        assertTrue(plan(SCAN, List.of(arg), Map.of()).isEmpty(), arg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-agentlib:jdwp=transport=dt_socket,server=y", "-Xrunjdwp:transport=dt_socket",
        "-XX:ArchiveClassesAtExit=a.jsa"})
    void aDebuggedJvmOrOneWritingAnArchiveIsNeverRelaunched(String arg) {
        assertTrue(plan(SCAN, List.of("-Dx=y", arg), Map.of()).isEmpty(), arg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS"})
    void choicesInTheLaunchersVariablesAreKept(String variable) {
        assertEquals(Optional.of(JvmPlan.C1_ONLY), plan(SCAN, List.of(), Map.of(variable, " -Dx=1   -Xmx300m ")));
        assertEquals(Optional.of(JvmPlan.OPTIONS),
                plan(SCAN, List.of(), Map.of(variable, "-Dx=1 -XX:TieredStopAtLevel=4")));
        assertTrue(plan(SCAN, List.of(), Map.of(variable, "-Xmx300m -XX:-TieredCompilation")).isEmpty());
        assertEquals(Optional.of(both()), plan(SCAN, List.of(), Map.of(variable, "-Dx=1 -XX:+UseCompressedOops")));
    }

    @Test
    void optionsThatLeaveTheHeapAndJitAloneDoNotCount() {
        List<String> others = List.of("-Xss4m", "-XX:+UseCompressedOops", "-XX:+UseGCOverheadLimit",
                "-Xlog:cds=off", "-ea", "-javaagent:agent.jar", "-XX:SharedArchiveFile=a.jsa");
        assertFalse(JvmPlan.userChoseHeap(others, Map.of("JAVA_HOME", "/jdk")));
        assertFalse(JvmPlan.userChoseJit(others, Map.of("JAVA_HOME", "/jdk")));
        assertFalse(JvmPlan.mustStay(others));
    }

    @Test
    void anAlreadySmallHeapIsKept() {
        assertEquals(Optional.of(JvmPlan.C1_ONLY),
                JvmPlan.relaunchOptions(SCAN, new JvmPlan.ThisJvm(List::of, SMALL_HEAP, CORES, null), Map.of(), LARGE));
        JvmPlan.ThisJvm interpreted = new JvmPlan.ThisJvm(() -> List.of("-Xint"), SMALL_HEAP, CORES, null);
        assertTrue(JvmPlan.relaunchOptions(SCAN, interpreted, Map.of(), LARGE).isEmpty());
    }

    @Test
    void onlyHotSpotIsRelaunchedItsOptionsMeanNothingElsewhere() {
        assertTrue(JvmPlan.isHotSpot("OpenJDK 64-Bit Server VM"));
        assertTrue(JvmPlan.isHotSpot("Java HotSpot(TM) 64-Bit Server VM"));
        assertFalse(JvmPlan.isHotSpot("Eclipse OpenJ9 VM"));
        assertFalse(JvmPlan.isHotSpot("Zing 64-Bit Tiered VM"));
        assertFalse(JvmPlan.isHotSpot(null));
        Supplier<List<String>> mustNotBeAsked = () -> {
            throw new AssertionError("JVM options read on a JVM that is not relaunched");
        };
        JvmPlan.ThisJvm openJ9 = new JvmPlan.ThisJvm(mustNotBeAsked, DEFAULT_HEAP, CORES, "/opt/s.jsa",
                "Eclipse OpenJ9 VM");
        assertTrue(JvmPlan.relaunchOptions(SCAN, openJ9, Map.of(), LARGE).isEmpty());
        JvmPlan.ThisJvm hotSpot = new JvmPlan.ThisJvm(List::of, DEFAULT_HEAP, CORES, "/opt/s.jsa",
                "Java HotSpot(TM) 64-Bit Server VM");
        assertFalse(JvmPlan.relaunchOptions(SCAN, hotSpot, Map.of(), LARGE).isEmpty());
    }

    @Test
    void theJvmsOptionsAreNotReadForASmallInput() {
        Supplier<List<String>> mustNotBeAsked = () -> {
            throw new AssertionError("JVM options read although the input is too small for a relaunch");
        };
        assertTrue(JvmPlan.relaunchOptions(SCAN, new JvmPlan.ThisJvm(mustNotBeAsked, DEFAULT_HEAP, CORES, null),
                Map.of(), cap -> JvmPlan.JIT_RELAUNCH_FROM - 1).isEmpty());
    }

    @Test
    void aCoreLeftFreeByThreadsKeepsC2() {
        assertEquals(Optional.of(JvmPlan.OPTIONS), plan(new String[] {"scan", "--threads", "1", "logs/"}, List.of(),
                Map.of()));
        assertEquals(Optional.of(JvmPlan.OPTIONS), plan(new String[] {"scan", "--threads=1", "logs/"}, List.of(),
                Map.of()));
        assertEquals(Optional.of(both()), plan(new String[] {"scan", "--threads", "2", "logs/"}, List.of(),
                Map.of()));
        assertEquals(Optional.of(both()), plan(new String[] {"scan", "--threads=8", "logs/"}, List.of(), Map.of()));
        assertEquals(Optional.of(both()), plan(new String[] {"scan", "--threads", "x", "logs/"}, List.of(),
                Map.of()), "picocli refuses the value; the plan takes the default");
    }

    @Test
    void threadsAreReadAsPicocliReadsThem() {
        assertEquals(4, JvmPlan.scanThreads(new String[] {"scan", "logs/"}, 4));
        assertEquals(1, JvmPlan.scanThreads(new String[] {"scan", "--threads", "1"}, 4));
        assertEquals(3, JvmPlan.scanThreads(new String[] {"scan", "--threads=3"}, 4));
        assertEquals(4, JvmPlan.scanThreads(new String[] {"scan", "--threads"}, 4));
    }

    @Test
    void theBuildsArchiveGoesToTheChildAndMakesEvenASmallScanWorthARelaunch() {
        JvmPlan.ThisJvm archived = new JvmPlan.ThisJvm(List::of, DEFAULT_HEAP, CORES, "/opt/sidedoor.jsa");
        List<String> c1 = new ArrayList<>(JvmPlan.C1_ONLY);
        c1.addAll(JvmPlan.archiveOptions("/opt/sidedoor.jsa"));
        assertEquals(Optional.of(c1), JvmPlan.relaunchOptions(SCAN, archived, Map.of(),
                cap -> JvmPlan.ARCHIVED_RELAUNCH_FROM));
        List<String> all = both();
        all.addAll(JvmPlan.archiveOptions("/opt/sidedoor.jsa"));
        assertEquals(Optional.of(all), JvmPlan.relaunchOptions(SCAN, archived, Map.of(), LARGE));
    }

    @Test
    void withoutAnyInputNothingIsRelaunchedEvenWithTheArchive() {
        JvmPlan.ThisJvm archived = new JvmPlan.ThisJvm(List::of, DEFAULT_HEAP, CORES, "/opt/sidedoor.jsa");
        assertTrue(JvmPlan.relaunchOptions(new String[] {"scan", "--help"}, archived, Map.of(),
                cap -> ScanSize.upTo(new String[] {"scan", "--help"}, cap)).isEmpty());
    }

    @Test
    void anArchiveTheUserChoseOrRefusedIsKept() {
        for (String arg : List.of("-XX:SharedArchiveFile=/home/me/mine.jsa", "-Xshare:off")) {
            JvmPlan.ThisJvm archived = new JvmPlan.ThisJvm(() -> List.of(arg), DEFAULT_HEAP, CORES, "/opt/s.jsa");
            assertEquals(Optional.of(both()), JvmPlan.relaunchOptions(SCAN, archived, Map.of(), LARGE), arg);
        }
    }

    @Test
    void nothingButTheArchiveIsNoReasonToRelaunch() {
        JvmPlan.ThisJvm archived = new JvmPlan.ThisJvm(() -> List.of("-Xint"), DEFAULT_HEAP, CORES, "/opt/s.jsa");
        assertTrue(JvmPlan.relaunchOptions(SCAN, archived, Map.of(), cap -> 1_000).isEmpty());
    }

    @Test
    void theArchiveIsTheJarsNameWithJsaWhenItExists(@TempDir Path tmp) throws Exception {
        Path jar = Files.createFile(tmp.resolve("sidedoor.jar"));
        assertNull(Relaunch.archive(jar.toString()));
        Path jsa = Files.createFile(tmp.resolve("sidedoor.jsa"));
        assertEquals(jsa.toString(), Relaunch.archive(jar.toString()));
        assertNull(Relaunch.archive(jar + java.io.File.pathSeparator + "other.jar"));
        assertNull(Relaunch.archive(tmp.resolve("classes").toString()));
        assertNull(Relaunch.archive(null));
    }
}
