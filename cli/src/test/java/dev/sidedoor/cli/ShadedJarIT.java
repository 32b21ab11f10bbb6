package dev.sidedoor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.sigma.SigmaRule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged artefact as a user runs it: `java -jar cli/target/sidedoor.jar` in its own process, so the shaded
 * jar's manifest, its bundled rule index and its exit codes are what is tested.
 */
class ShadedJarIT {

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) throws IOException, InterruptedException {
        Path jar = Paths.get(System.getProperty("user.dir")).resolve("target/sidedoor.jar");
        assertTrue(Files.isRegularFile(jar), "package the jar first: " + jar);
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(Cli.repo().toFile()).start();
        p.getOutputStream().close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> copy(p.getErrorStream(), err));
        drain.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "sidedoor did not finish");
        drain.join();
        return new Run(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void scanningTheExamplesExitsZeroWithAFindingFromEveryBuiltInRule() throws Exception {
        Run r = run("scan", "--format", "jsonl", "examples/");
        assertEquals(0, r.exit(), r.err());
        Set<String> fired = new TreeSet<>();
        for (String line : r.out().split("\n")) {
            if (!line.isBlank()) {
                JsonNode f = Cli.JSON.readTree(line);
                fired.add(f.path("rule").path("name").asText());
            }
        }
        Set<String> missing = BuiltInRules.load().stream().map(SigmaRule::name)
                .collect(Collectors.toCollection(TreeSet::new));
        missing.removeAll(fired);
        assertTrue(missing.isEmpty(), "rules with no finding: " + missing);
        assertTrue(r.err().contains("sidedoor: findings: "), r.err());
    }

    @Test
    void hostileInputIsReportedAndTheRestIsScanned() throws Exception {
        String good = "{\"eventSource\":\"ec2-instance-connect.amazonaws.com\",\"eventName\":\"SendSSHPublicKey\","
                + "\"eventID\":\"E%d\",\"requestParameters\":{\"instanceId\":\"i-1\"}}";
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Files.writeString(logs.resolve("a.jsonl"), String.format(good, 1) + "\n{\"truncated\": \n"
                + "{\"deep\":" + "[".repeat(5000) + "]".repeat(5000) + "}\n" + String.format(good, 2) + "\n");
        Files.write(logs.resolve("b.json"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0});
        Files.writeString(logs.resolve("c.json"), "{\"Records\":[" + String.format(good, 3) + "," + String.format(good, 4)
                .substring(0, 40));
        Run r = run("scan", "--format", "jsonl", logs.toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals(3, r.out().lines().count(), r.out());
        assertTrue(r.err().contains("a.jsonl: record 2 (line 2"), r.err());
        assertTrue(r.err().contains("a.jsonl: record 3 (line 3") && r.err().contains("nested deeper"), r.err());
        assertTrue(r.err().contains("b.json: file: not a JSON log"), r.err());
        assertTrue(r.err().contains("c.json: record 2") && r.err().contains("truncated"), r.err());
    }

    @Test
    void validatesEverySigmaHqCloudRule() throws Exception {
        Path sigmahq = Cli.shared().resolve("sigmahq");
        assumeTrue(Files.isDirectory(sigmahq), "shared/sigmahq not present");
        Run r = run("rules", "validate", sigmahq.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("229 rule(s) loaded, 0 error(s)"), r.out());
    }

    @Test
    void versionComesFromTheManifest() throws Exception {
        Run r = run("--version");
        assertEquals(0, r.exit());
        assertEquals("sidedoor " + System.getProperty("sidedoor.version"), r.out().strip());
    }
}
