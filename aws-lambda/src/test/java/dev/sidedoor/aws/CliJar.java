package dev.sidedoor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The sidedoor command line as a user runs it: its own process, from the jar the cli module built. */
final class CliJar {

    static final Path JAR = Path.of("..", "cli", "target", "sidedoor.jar");

    private CliJar() {
    }

    /** Runs {@code java -jar sidedoor.jar ARGS} with test credentials; returns stdout, fails the test on exit != 0. */
    static String run(String... args) throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is missing: build the cli module first "
                + "(mvn -B verify builds it before this module)");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("sidedoor-cli", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
        pb.environment().put("AWS_ACCESS_KEY_ID", "testing");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
        pb.environment().put("AWS_REGION", "us-east-1");
        pb.environment().remove("AWS_PROFILE");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        String errors = Files.readString(err);
        Files.deleteIfExists(err);
        assertEquals(0, exit, String.join(" ", args) + ":\n" + out + errors);
        return out + errors;
    }
}
