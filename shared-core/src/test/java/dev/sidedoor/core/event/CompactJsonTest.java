package dev.sidedoor.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** CompactJson writes exactly what JsonNode.toString() writes: content hashes and rule values are made of it. */
class CompactJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static void assertSameAsToString(JsonNode n) {
        assertEquals(n.toString(), CompactJson.of(n));
    }

    @Test
    void everyKindOfNodeIsWrittenAsToStringWritesIt() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("int", -7).put("long", 1L << 40).put("short", (short) 12).put("big", new BigInteger("123456789012345678901234567890"));
        o.put("double", 0.1).put("float", 2.5f).put("tiny", 1e-300).put("huge", 1.7976931348623157e308);
        o.put("nan", Double.NaN).put("inf", Double.NEGATIVE_INFINITY);
        o.put("decimal", new BigDecimal("1.2300E+5")).put("plainDecimal", new BigDecimal("10.50"));
        o.put("true", true).put("false", false).putNull("null");
        o.put("text", "quote \" backslash \\ slash / tab \t nl \n cr \r nul \u0000 del \u007f");
        o.put("unicode", "caf\u00e9 \u4e2d \ud83d\ude00 \u2028 \u2029");
        o.put("", "empty key");
        o.put("binary", new byte[] {0, 1, 2, (byte) 0xff});
        o.putObject("emptyObject");
        o.putArray("emptyArray");
        ArrayNode nested = o.putArray("nested");
        nested.add(1).add("two").addNull().addObject().put("deep", f.arrayNode().add(f.arrayNode()).toString());
        assertSameAsToString(o);
        assertSameAsToString(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        assertSameAsToString(f.textNode("just text"));
        assertSameAsToString(f.nullNode());
        assertSameAsToString(f.arrayNode().add(f.binaryNode(null)).add(f.binaryNode(new byte[0])));
        for (JsonNode child : o) {
            assertSameAsToString(child);
        }
    }

    @Test
    void everyRecordOfTheExamplesFixturesAndCorpusIsWrittenAsToStringWritesIt() throws IOException {
        Path root = Paths.get(System.getProperty("user.dir"));
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(root.resolve("../examples").normalize(), root.resolve("src/test/resources/rule-fixtures"),
                root.resolve("../../shared/corpus").normalize())) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(json|jsonl|jsonc|gz)$"))
                            .sorted().forEach(files::add);
                }
            }
        }
        assertTrue(files.size() > 200, "expected examples, fixtures and the corpus, found " + files.size());
        int trees = 0;
        for (Path p : files) {
            for (JsonNode doc : documents(p)) {
                trees += compareEverySubtree(doc);
            }
        }
        assertTrue(trees > 10_000, "too few trees compared: " + trees);
    }

    /** Compares the node and each container below it; returns how many were compared. */
    private static int compareEverySubtree(JsonNode n) {
        assertSameAsToString(n);
        int count = 1;
        for (JsonNode child : n) {
            if (child.isContainerNode()) {
                count += compareEverySubtree(child);
            }
        }
        return count;
    }

    /** Every JSON document in the file (one, or one per line), skipping what does not parse: not this test's job. */
    private static List<JsonNode> documents(Path p) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(p);
                InputStream in = p.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            byte[] bytes = in.readAllBytes();
            JsonFactory factory = MAPPER.getFactory().copy().enable(JsonParser.Feature.ALLOW_COMMENTS);
            try (JsonParser parser = factory.createParser(bytes)) {
                while (parser.nextToken() != null) {
                    if (parser.currentToken() == JsonToken.START_OBJECT || parser.currentToken() == JsonToken.START_ARRAY) {
                        out.add(MAPPER.readTree(parser));
                    }
                }
            } catch (IOException e) {
                // A deliberately broken fixture: the records before the break are still compared.
            }
        }
        return out;
    }
}
