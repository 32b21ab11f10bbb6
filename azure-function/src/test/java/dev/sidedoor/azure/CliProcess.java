package dev.sidedoor.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The sidedoor command line as a user runs it: its own process, from the jar the cli module built. */
final class CliProcess {

    static final Path JAR = Path.of("..", "cli", "target", "sidedoor.jar");

    private CliProcess() {
    }

    /**
     * Runs {@code java -jar sidedoor.jar ARGS}, trusting the tests' Azurite certificate; returns standard output and
     * fails the test when the exit code is not 0.
     */
    static String run(List<String> args) throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is missing: `mvn -B verify` builds the cli "
                + "module before this one");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The tests' Azurite serves HTTPS with the test certificate: trusted as a user trusts their own CA.
                "-Djavax.net.ssl.trustStore=" + TestTls.get().keyStore().toAbsolutePath(),
                "-Djavax.net.ssl.trustStorePassword=" + TestTls.PASSWORD, "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-jar", JAR.toString()));
        cmd.addAll(args);
        Path err = Files.createTempFile("sidedoor-cli", ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        String errors = Files.readString(err);
        Files.deleteIfExists(err);
        assertEquals(0, exit, String.join(" ", cmd) + "\n" + out + errors);
        return out;
    }
}
