package dev.sidedoor.core.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.rules.BuiltInRules;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** The built-in rules load from a pack composed at build time; the pack must say exactly what the YAML says. */
class RulePackFormatTest {

    private static final ClassLoader CL = RulePackFormatTest.class.getClassLoader();

    @Test
    void theBuiltPackHoldsEveryIndexedFileAsItsYamlComposes() throws Exception {
        Map<String, String> yaml = indexedFiles();
        List<RulePack.File> packed;
        try (InputStream in = CL.getResourceAsStream(BuiltInRules.PACK)) {
            packed = RulePack.read(in);
        }
        assertEquals(List.copyOf(yaml.keySet()), packed.stream().map(RulePack.File::name).toList(),
                "the pack lists the index's files in order (a stale pack.bin?)");
        for (RulePack.File file : packed) {
            YamlSupport support = new YamlSupport(file.name());
            assertEquals(dump(support, support.compose(yaml.get(file.name()))),
                    dump(support, file.documents()), file.name());
        }
    }

    @Test
    void rulesFromThePackEqualRulesFromTheirYaml() throws Exception {
        Map<String, String> yaml = indexedFiles();
        RuleLoader.LoadResult fromPack = RuleLoader.loadPack(CL, BuiltInRules.PACK, e -> true);
        assertTrue(fromPack.errors().isEmpty(), fromPack.errors().toString());
        RuleLoader.LoadResult fromYaml = RuleLoader.loadResources(CL, "dev/sidedoor/rules/index.txt");
        assertTrue(fromYaml.errors().isEmpty(), fromYaml.errors().toString());
        assertEquals(yaml.size(), fromPack.rules().size() + fromPack.correlations().size());
        assertEquals(describe(fromYaml.rules()), describe(fromPack.rules()));
        assertEquals(fromYaml.correlations().stream().map(c -> c.name() + "@" + c.source() + ":" + c.line()).toList(),
                fromPack.correlations().stream().map(c -> c.name() + "@" + c.source() + ":" + c.line()).toList());
    }

    @Test
    void everyScalarTypeRoundTrips() throws Exception {
        String text = """
                title: t
                n: ~
                b: yes
                i: 12
                l: 12345678901
                big: 123456789012345678901234567890
                f: 1.5
                inf: .inf
                date: 2024-01-02
                quoted: "12"
                list: [a, 1, false]
                ---
                title: second
                """;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RulePack.write(Map.of("x/a.yml", text), out);
        List<RulePack.File> files = RulePack.read(new ByteArrayInputStream(out.toByteArray()));
        YamlSupport support = new YamlSupport("x/a.yml");
        assertEquals(dump(support, support.compose(text)), dump(support, files.get(0).documents()));
        assertEquals(2, files.get(0).documents().size());
        assertEquals(support.toJava(support.compose(text).get(0)), support.toJava(files.get(0).documents().get(0)));
    }

    @Test
    void aCorruptOrStalePackIsOneErrorNamingIt() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RulePack.write(Map.of("x/a.yml", "title: t\n"), out);
        byte[] bytes = out.toByteArray();
        bytes[7] = 9; // the format version
        IOException stale = assertThrows(IOException.class, () -> RulePack.read(new ByteArrayInputStream(bytes)));
        assertTrue(stale.getMessage().contains("version 9"), stale.getMessage());
        assertThrows(IOException.class, () -> RulePack.read(new ByteArrayInputStream(
                "title: t\n".getBytes(StandardCharsets.UTF_8))));
        byte[] cut = java.util.Arrays.copyOf(out.toByteArray(), out.size() - 3);
        assertThrows(IOException.class, () -> RulePack.read(new ByteArrayInputStream(cut)));

        RuleLoader.LoadResult missing = RuleLoader.loadPack(CL, "no/such/pack.bin", e -> true);
        assertEquals(1, missing.errors().size());
        assertEquals("no/such/pack.bin", missing.errors().get(0).source());
        assertFalse(missing.errors().get(0).getMessage().isBlank());
    }

    @Test
    void aFileThatDoesNotComposeFailsTheWrite() {
        SigmaException e = assertThrows(SigmaException.class, () -> RulePack.write(
                Map.of("x/bad.yml", "title: t\nx: !!binary aGk=\n"), new ByteArrayOutputStream()));
        assertEquals("x/bad.yml", e.source());
        assertEquals(2, e.line());
    }

    private static Map<String, String> indexedFiles() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (String entry : read("dev/sidedoor/rules/index.txt").split("\\R")) {
            if (!entry.isBlank()) {
                files.put(entry.strip(), read(entry.strip()));
            }
        }
        assertTrue(files.size() > 40, "the built-in rule files: " + files.size());
        return files;
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = CL.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> describe(List<SigmaRule> rules) {
        return rules.stream().map(r -> String.join("|", r.name(), String.valueOf(r.id()), r.title(), r.level(),
                r.status(), String.valueOf(r.tags()), String.valueOf(r.logsource()), r.source() + ":" + r.line(),
                String.valueOf(r.extra()), String.valueOf(r.falsePositives()))).toList();
    }

    /** Kind, tag, line, column, text and constructed value of every node, in document order. */
    private static String dump(YamlSupport support, List<Node> documents) throws SigmaException {
        StringBuilder b = new StringBuilder();
        for (Node d : documents) {
            dump(support, d, b, 0);
            b.append("---\n");
        }
        return b.toString();
    }

    private static void dump(YamlSupport support, Node n, StringBuilder b, int depth) throws SigmaException {
        b.append("  ".repeat(depth)).append(n.getTag().getValue()).append(" @")
                .append(n.getStartMark().getLine()).append(':').append(n.getStartMark().getColumn());
        if (n instanceof ScalarNode s) {
            YamlSupport.Scalar v0 = support.scalar(s);
            b.append(" '").append(s.getValue()).append("' = ").append(v0.type()).append(' ').append(v0.text())
                    .append(' ').append(v0.number());
            Object v = support.toJava(s);
            b.append(" java ").append(v == null ? "null" : v.getClass().getSimpleName() + ":" + v).append('\n');
        } else if (n instanceof SequenceNode s) {
            b.append('\n');
            for (Node item : s.getValue()) {
                dump(support, item, b, depth + 1);
            }
        } else {
            b.append('\n');
            for (NodeTuple t : ((MappingNode) n).getValue()) {
                dump(support, t.getKeyNode(), b, depth + 1);
                dump(support, t.getValueNode(), b, depth + 1);
            }
        }
    }
}
