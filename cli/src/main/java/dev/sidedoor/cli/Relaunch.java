package dev.sidedoor.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Runs sidedoor again in a child JVM with {@link JvmPlan}'s options when the plan asks for it, and stands in
 * for it: the child inherits standard input, output and error (so {@code -} and pipes work unchanged), its exit
 * code becomes ours, and it is stopped if we are. Runs before picocli or the rules are loaded, so the parent
 * costs one bare JVM start-up.
 */
final class Relaunch {

    /** When set, sidedoor prints its heap limit, collector and JIT tier on standard error (the tests read it). */
    static final String DEBUG = "SIDEDOOR_DEBUG_HEAP";

    private Relaunch() {
    }

    /** The child's exit code when the scan ran in a child JVM; empty when it is to run in this one. */
    static OptionalInt ifNeeded(String[] args) {
        Map<String, String> env = System.getenv();
        String classPath = System.getProperty("java.class.path");
        List<List<String>> read = new ArrayList<>(1);
        // Read at most once, and only when the plan asks: the management classes cost about 25 ms.
        Supplier<List<String>> jvmArgs = () -> {
            if (read.isEmpty()) {
                read.add(ManagementFactory.getRuntimeMXBean().getInputArguments());
            }
            return read.get(0);
        };
        JvmPlan.ThisJvm jvm = new JvmPlan.ThisJvm(jvmArgs, Runtime.getRuntime().maxMemory(),
                Runtime.getRuntime().availableProcessors(), archive(classPath), System.getProperty("java.vm.name"));
        Optional<List<String>> options = JvmPlan.relaunchOptions(args, jvm, env, cap -> ScanSize.upTo(args, cap));
        if (options.isEmpty()) {
            return OptionalInt.empty();
        }
        ProcessBuilder pb = new ProcessBuilder(command(javaBinary(), jvmArgs.get(), options.get(), classPath, args))
                .inheritIO();
        pb.environment().put(JvmPlan.MARKER, "1");
        // What these variables held is already in jvmArgs: read again by the child, their options would apply
        // twice (an agent loaded twice) and "Picked up ..." be printed twice.
        pb.environment().keySet().removeAll(JvmPlan.OPTION_VARIABLES);
        try {
            return OptionalInt.of(run(pb));
        } catch (IOException e) {
            // No child (no java binary where this one came from, no process left): scan here, as before.
            return OptionalInt.empty();
        }
    }

    /** The class-data archive the build made beside the jar ({@code sidedoor.jsa}), or null. */
    static String archive(String classPath) {
        if (classPath == null || !classPath.endsWith(".jar") || classPath.contains(File.pathSeparator)) {
            return null;
        }
        try {
            Path jsa = Path.of(classPath.substring(0, classPath.length() - ".jar".length()) + ".jsa");
            return Files.isRegularFile(jsa) ? jsa.toString() : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * The child's command line: this JVM's own options (system properties, agents, a class-data archive) carried
     * over, then the plan's, then the same class path, main class and arguments.
     */
    static List<String> command(String java, List<String> jvmArgs, List<String> options, String classPath,
            String[] args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmArgs);
        cmd.addAll(options);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * Starts the child and waits for it, returning its exit code. If this JVM is stopped first (SIGTERM, SIGHUP;
     * Ctrl-C reaches the child by itself, being in the same process group), the child is stopped too rather than
     * left scanning on its own.
     */
    static int run(ProcessBuilder pb) throws IOException {
        Process child = pb.start();
        Thread stop = new Thread(() -> {
            child.destroy();
            try {
                child.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sidedoor-stop-child");
        Runtime.getRuntime().addShutdownHook(stop);
        int code;
        while (true) {
            try {
                code = child.waitFor();
                break;
            } catch (InterruptedException e) {
                // Nothing here interrupts the main thread on purpose; the child is still ours to wait for.
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException e) {
            // This JVM is already shutting down; the hook finds the child gone.
        }
        return code;
    }

    /** The java binary this JVM was started from; the child must be the same JDK. */
    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * With {@link #DEBUG} set: the heap limit and collectors, the highest JIT tier (1: C1 only, 4: C2 too), and
     * whether this is a relaunched child.
     */
    static void reportJvmIfAsked() {
        if (System.getenv(DEBUG) == null) {
            return;
        }
        List<String> gcs = new ArrayList<>();
        ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> gcs.add(gc.getName()));
        String tier = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                .getVMOption("TieredStopAtLevel").getValue();
        System.err.println("sidedoor: debug: max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB, gc "
                + String.join(", ", gcs) + ", top JIT tier " + tier + ", relaunched "
                + (System.getenv(JvmPlan.MARKER) != null));
    }
}
