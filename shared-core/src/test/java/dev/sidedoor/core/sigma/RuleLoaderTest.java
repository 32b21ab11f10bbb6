package dev.sidedoor.core.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleLoaderTest {

    @Test
    void directoryIsRecursiveSortedAndCollectsErrors(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("b/nested"));
        Files.writeString(dir.resolve("b/nested/z_rule.yaml"), "title: z\ndetection: {s: {a: 1}, condition: s}\n");
        Files.writeString(dir.resolve("a_rule.yml"), "title: a\ndetection: {s: {a: 1}, condition: s}\n");
        Files.writeString(dir.resolve("b/broken.yml"), "title: broken\ndetection:\n  s:\n    a|nope: 1\n  condition: s\n");
        Files.writeString(dir.resolve("notes.txt"), "not a rule");
        Files.write(dir.resolve("c_latin1.yml"), "title: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        RuleLoader.LoadResult result = RuleLoader.loadDirectory(dir);

        assertEquals(List.of("a_rule", "z_rule"), result.rules().stream().map(SigmaRule::name).toList());
        assertEquals(2, result.errors().size());
        SigmaException broken = result.errors().get(0);
        assertEquals(dir.resolve("b/broken.yml").toString(), broken.source());
        assertEquals(4, broken.line());
        assertTrue(broken.reason().contains("unknown modifier 'nope'"));
        assertTrue(result.errors().get(1).reason().contains("UTF-8"), result.errors().get(1).getMessage());
    }

    @Test
    void missingDirectoryIsAnError(@TempDir Path dir) {
        RuleLoader.LoadResult result = RuleLoader.loadDirectory(dir.resolve("absent"));
        assertEquals(0, result.rules().size());
        assertEquals(1, result.errors().size());
    }

    @Test
    void resourcesThroughAnIndex() {
        RuleLoader.LoadResult result = RuleLoader.loadResources(getClass().getClassLoader(), "sigma/index.txt");
        assertEquals(List.of("ok_rule", "ok_rule#2"), result.rules().stream().map(SigmaRule::name).toList());
        assertEquals("sigma/rules/ok_rule.yml", result.rules().get(0).source());
        assertEquals(2, result.errors().size(), result.errors().toString());
        // The source is the resource name as the index gives it.
        assertEquals("/sigma/rules/bad_rule.yml", result.errors().get(0).source());
        assertEquals(7, result.errors().get(0).line());
        assertEquals("sigma/index.txt", result.errors().get(1).source());
        assertEquals(6, result.errors().get(1).line());
    }

    @Test
    void missingIndexIsAnError() {
        RuleLoader.LoadResult result = RuleLoader.loadResources(getClass().getClassLoader(), "sigma/absent.txt");
        assertEquals(0, result.rules().size());
        assertEquals(1, result.errors().size());
    }
}
