package dev.sidedoor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar relaunching itself for real: standard input reaches the child, its findings and exit code come
 * back, and the child has the plan's heap and collector; {@code bin/sidedoor} gives the same JVM without a child.
 */
class RelaunchIT {

    private static final Path LOG = Cli.repo().resolve("examples/aws/eventbridge-cloudtrail-eu-west-1-20261118.jsonl");
    private static final Pattern HEAP = Pattern.compile("sidedoor: debug: max heap (\\d+) MB, gc ([^\\n]*), "
            + "top JIT tier (\\d), relaunched (true|false)");

    record Run(int exit, String out, String err) {
        Matcher heap() {
            Matcher m = HEAP.matcher(err);
            assertTrue(m.find(), err);
            return m;
        }
    }

    /** Runs {@code cmd} with the log on standard input, in a clean environment plus {@code env}. */
    private static Run run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Cli.repo().toFile()).redirectInput(LOG.toFile());
        for (String inherited : List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS",
                "SIDEDOOR_JAVA_OPTS", JvmPlan.MARKER, JvmPlan.OPT_OUT)) {
            pb.environment().remove(inherited);
        }
        pb.environment().put(Relaunch.DEBUG, "1");
        pb.environment().putAll(env);
        File err = Files.createTempFile("relaunch", ".err").toFile();
        pb.redirectError(err);
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "sidedoor did not finish");
        String errText = Files.readString(err.toPath());
        Files.delete(err.toPath());
        return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8), errText);
    }

    private static List<String> javaJar(String... jvmArgs) {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString()));
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("-jar", Paths.get(System.getProperty("user.dir")).resolve("target/sidedoor.jar")
                .toString(), "scan", "--format", "jsonl", "--no-baseline", "--fail-on", "high", "-"));
        return cmd;
    }

    @Test
    void aScanOfStandardInputRunsInAChildWithThePlansHeapAndItsFindingsAndExitCodeComeBack() throws Exception {
        Run child = run(javaJar(), Map.of());
        Run here = run(javaJar(), Map.of(JvmPlan.OPT_OUT, "0"));

        assertEquals("true", child.heap().group(4), child.err());
        assertEquals("Copy, MarkSweepCompact", child.heap().group(2), "the serial collector");
        assertTrue(Long.parseLong(child.heap().group(1)) <= 1024, child.err());
        assertEquals("4", child.heap().group(3), "standard input may be long: C2 is kept");
        assertEquals("false", here.heap().group(4), here.err());
        assertTrue(Long.parseLong(here.heap().group(1)) > 1024, "this test needs a default heap above the plan's");

        assertEquals(1, child.exit(), "--fail-on high reached: " + child.err());
        assertEquals(here.exit(), child.exit());
        assertEquals(5, child.out().lines().count(), child.out());
        assertEquals(here.out(), child.out());
        assertTrue(child.err().contains("sidedoor: findings: 5"), child.err());
    }

    /**
     * A scan of `-` waiting on standard input is relaunched; stopping sidedoor (SIGTERM) stops the child too.
     * Standard input is a FIFO this test holds open, so the child cannot end by reading its end instead.
     */
    @Test
    void stoppingTheParentStopsTheChild(@TempDir Path tmp) throws Exception {
        Path fifo = tmp.resolve("stdin");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        CompletableFuture<OutputStream> writer = CompletableFuture.supplyAsync(() -> {
            try {
                return new FileOutputStream(fifo.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        ProcessBuilder pb = new ProcessBuilder(javaJar()).directory(Cli.repo().toFile()).redirectInput(fifo.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove(JvmPlan.MARKER);
        pb.environment().remove(JvmPlan.OPT_OUT);
        Process parent = pb.start();
        try (OutputStream keptOpen = writer.get(60, TimeUnit.SECONDS)) {
            ProcessHandle child = null;
            for (int i = 0; i < 600 && child == null && parent.isAlive(); i++) {
                child = parent.children().findFirst().orElse(null);
                Thread.sleep(100);
            }
            assertTrue(child != null, "no child JVM appeared");
            parent.destroy();
            assertTrue(parent.waitFor(60, TimeUnit.SECONDS), "the parent did not stop");
            child.onExit().get(60, TimeUnit.SECONDS);
            assertTrue(!child.isAlive(), "the child outlived the parent");
        } finally {
            parent.destroyForcibly();
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** JAVA_TOOL_OPTIONS without a heap: the child gets its options once, through the parent's, not twice. */
    @Test
    void theLaunchersVariablesReachTheChildOnce() throws Exception {
        Run r = run(javaJar(), Map.of("JAVA_TOOL_OPTIONS", "-Dsidedoor.test=1"));
        assertEquals("true", r.heap().group(4), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("Picked up JAVA_TOOL_OPTIONS")).count(), r.err());
        assertEquals(1, r.exit(), r.err());
    }

    @Test
    void aHeapTheUserChoseIsKeptAndNothingIsRelaunched() throws Exception {
        Run r = run(javaJar("-Xmx200m"), Map.of());
        assertEquals("false", r.heap().group(4), r.err());
        assertTrue(Long.parseLong(r.heap().group(1)) <= 200, r.err());
        assertEquals(1, r.exit(), r.err());
    }

    /**
     * A file of a few MB: no heap is chosen (the default stays small at this size), but the child compiles with C1
     * alone, and finds exactly what a default JVM finds.
     */
    @Test
    void aMidSizedFileRunsInAChildWithC1AloneAndTheSameFindings(@TempDir Path tmp) throws Exception {
        Path big = tmp.resolve("big.jsonl");
        byte[] log = Files.readAllBytes(LOG);
        try (OutputStream out = Files.newOutputStream(big)) {
            for (long written = 0; written < JvmPlan.JIT_RELAUNCH_FROM; written += log.length) {
                out.write(log);
            }
        }
        List<String> cmd = new ArrayList<>(javaJar());
        cmd.set(cmd.size() - 1, big.toString());
        Run child = run(cmd, Map.of());
        Run here = run(cmd, Map.of(JvmPlan.OPT_OUT, "0"));

        assertEquals("true", child.heap().group(4), child.err());
        assertEquals("1", child.heap().group(3), child.err());
        assertEquals(here.heap().group(1), child.heap().group(1), "no heap chosen under 64 MB");
        assertEquals("false", here.heap().group(4), here.err());
        assertEquals("4", here.heap().group(3), here.err());
        assertEquals(here.out(), child.out());
        assertEquals(here.exit(), child.exit());
    }

    /** bin/sidedoor leaves the choice to the jar: the same child JVM, and the same findings. */
    @Test
    void theLauncherScriptRunsTheSameChild() throws Exception {
        Run child = run(javaJar(), Map.of());
        List<String> script = new ArrayList<>(List.of("bash", "bin/sidedoor"));
        script.addAll(javaJar().subList(javaJar().indexOf("scan"), javaJar().size()));
        Run launcher = run(script, Map.of("SIDEDOOR_CACHE", "off", "JAVA_HOME", System.getProperty("java.home")));

        assertEquals("true", launcher.heap().group(4), launcher.err());
        assertEquals(child.heap().group(1), launcher.heap().group(1));
        assertEquals(child.heap().group(2), launcher.heap().group(2));
        assertEquals(child.heap().group(3), launcher.heap().group(3));
        assertEquals(child.out(), launcher.out());
        assertEquals(child.exit(), launcher.exit());
    }
}
