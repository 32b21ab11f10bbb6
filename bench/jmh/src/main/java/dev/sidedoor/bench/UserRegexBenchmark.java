package dev.sidedoor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidedoor.core.sigma.SigmaDocument;
import dev.sidedoor.core.sigma.SigmaException;
import dev.sidedoor.core.sigma.SigmaParser;
import dev.sidedoor.core.sigma.SigmaRule;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The most a user's {@code |re} rule costs on one 100 KB value: patterns near the size limit, on the text that keeps
 * every instruction of the program alive (runs of 'a' just too short to match, then a 'b'). Before the per-rule
 * budget, {@code (?:a{100}){100}} took about 5 s here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UserRegexBenchmark {

    static final int VALUE_CHARS = 100_000;

    /** The largest nested count allowed (9,902 instructions), RE2/J's largest single count, and a tiny pattern. */
    @Param({"(?:a{100}){99}", "a{1000}", "^(a+)+$"})
    public String pattern;

    private SigmaRule rule;
    private SigmaDocument doc;

    @Setup
    public void setup() throws SigmaException {
        rule = SigmaParser.parse("title: bench\nlogsource:\n  product: bench\ndetection:\n  sel:\n    v|re: '"
                + pattern + "'\n  condition: sel\n", "bench.yml").get(0);
        int run = pattern.startsWith("(?:") ? 9_899 : pattern.startsWith("a{") ? 999 : VALUE_CHARS;
        String unit = "a".repeat(run) + "b";
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("v", unit.repeat(VALUE_CHARS / unit.length() + 1).substring(0, VALUE_CHARS));
        doc = new SigmaDocument() {
            @Override
            public JsonNode field(String name) {
                return root.get(name);
            }

            @Override
            public JsonNode root() {
                return root;
            }
        };
    }

    @Benchmark
    public boolean oneValue() {
        return rule.matches(doc);
    }
}
