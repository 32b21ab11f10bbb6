package dev.sidedoor.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rule files built to overflow the loader's stack or exhaust its heap (shipped in the core's test jar): for the
 * front ends' tests that such a rules directory fails start-up with each file and line named, not with an Error.
 */
public final class HostileRules {

    /** File name -> the line its error must name. */
    public static final Map<String, Integer> LINES = new TreeMap<>(Map.of(
            "deep_parentheses.yml", 6,
            "chained_not.yml", 6,
            "nested_repetition.yml", 5,
            "yaml_nesting.yml", 2));

    private HostileRules() {
    }

    /** Writes the files of {@link #LINES} into {@code dir}, and returns {@code dir}. */
    public static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("deep_parentheses.yml"), rule("v", "x", "(".repeat(5000) + "sel"
                + ")".repeat(5000)));
        Files.writeString(dir.resolve("chained_not.yml"), rule("v", "x", "not ".repeat(50_000) + "sel"));
        Files.writeString(dir.resolve("nested_repetition.yml"), rule("v|re", "(?:(?:a{1000}){1000}){1000}", "sel"));
        Files.writeString(dir.resolve("yaml_nesting.yml"), "title: t\nx: " + "[".repeat(100_000) + "\n");
        return dir;
    }

    private static String rule(String key, String value, String condition) {
        return "title: hostile\nlogsource:\n    product: aws\ndetection:\n    sel: {" + key + ": '" + value
                + "'}\n    condition: " + condition + "\n";
    }
}
