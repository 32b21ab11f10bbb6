package dev.sidedoor.core.sigma;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Parses Sigma YAML into compiled {@link SigmaRule}s and {@link SigmaCorrelation}s. A file may hold several YAML
 * documents, one rule each.
 * Any problem (YAML syntax, unknown modifier, bad condition, invalid regex or CIDR...) is a
 * {@link SigmaException} naming the source and line; a file either loads completely or not at all, so a rule is
 * never half-active.
 */
public final class SigmaParser {

    /** Room for {@link YamlSupport#MAX_CODE_POINTS} of multi-byte UTF-8; larger files fail that limit anyway. */
    static final long MAX_FILE_BYTES = 4L * YamlSupport.MAX_CODE_POINTS;

    private SigmaParser() {
    }

    /** The rules and correlation rules of one file, in document order. */
    public record RuleFile(List<SigmaRule> rules, List<SigmaCorrelation> correlations) {
        public RuleFile {
            rules = List.copyOf(rules);
            correlations = List.copyOf(correlations);
        }
    }

    /**
     * The detection rules of a text. A correlation document is an error here, not skipped: it only means
     * something next to the rules it refers to, which {@link #parseFile(String, String)} and {@link RuleLoader}
     * keep together.
     */
    public static List<SigmaRule> parse(String yamlText, String source) throws SigmaException {
        RuleFile file = parseFile(yamlText, source);
        if (!file.correlations().isEmpty()) {
            SigmaCorrelation c = file.correlations().get(0);
            throw new SigmaException(c.source(), c.line(), "a correlation rule: load the file with RuleLoader or "
                    + "SigmaParser.parseFile, which keep correlations");
        }
        return file.rules();
    }

    /**
     * Every document of a text: detection rules and correlation rules (a document with a {@code correlation}
     * section). Documents are named by their position: the file stem, then {@code stem#2}, {@code stem#3}...
     */
    public static RuleFile parseFile(String yamlText, String source) throws SigmaException {
        String src = source == null ? "<unnamed>" : source;
        if (yamlText == null) {
            throw new SigmaException(src, 0, "no rule text");
        }
        YamlSupport yaml = new YamlSupport(src);
        return build(yaml, yaml.compose(yamlText));
    }

    /** The rules of documents already composed (by {@link YamlSupport#compose} or read back from a {@link RulePack}). */
    static RuleFile build(YamlSupport yaml, List<Node> documents) throws SigmaException {
        String src = yaml.source();
        RuleBuilder builder = new RuleBuilder(yaml);
        CorrelationBuilder correlations = new CorrelationBuilder(yaml, builder);
        String stem = stem(src);
        List<SigmaRule> rules = new ArrayList<>();
        List<SigmaCorrelation> found = new ArrayList<>();
        int position = 0;
        for (Node document : documents) {
            position++;
            String name = position == 1 ? stem : stem + "#" + position;
            if (isCorrelation(yaml, document)) {
                found.add(buildCorrelation(correlations, (MappingNode) document, name, src));
            } else {
                rules.add(build(builder, document, name, src));
            }
        }
        return new RuleFile(rules, found);
    }

    /** A correlation section and no detection; a document with both is refused by the rule builder. */
    private static boolean isCorrelation(YamlSupport yaml, Node document) throws SigmaException {
        if (!(document instanceof MappingNode m)) {
            return false;
        }
        boolean correlation = false;
        for (YamlSupport.Entry e : yaml.entries(m)) {
            if (e.key().equals("detection")) {
                return false;
            }
            correlation |= e.key().equals("correlation");
        }
        return correlation;
    }

    private static SigmaCorrelation buildCorrelation(CorrelationBuilder builder, MappingNode document, String name,
            String src) throws SigmaException {
        try {
            return builder.build(document, name);
        } catch (StackOverflowError e) {
            throw new SigmaException(src, YamlSupport.line(document), "the rule is nested too deeply to load");
        } catch (RuntimeException e) {
            throw new SigmaException(src, YamlSupport.line(document), "the rule could not be loaded: " + e, e);
        }
    }

    /**
     * The limits on rule text (YAML nesting, condition depth, regex size) keep loading within a normal stack and
     * heap; should one still be exceeded, the rule fails with its place like any other broken rule instead of an
     * Error that would escape the CLI and the functions' start-up.
     */
    private static SigmaRule build(RuleBuilder builder, Node document, String name, String src)
            throws SigmaException {
        try {
            return builder.build(document, name);
        } catch (StackOverflowError e) {
            throw new SigmaException(src, YamlSupport.line(document), "the rule is nested too deeply to load");
        } catch (OutOfMemoryError e) {
            throw new SigmaException(src, YamlSupport.line(document), "the rule needs too much memory to load");
        } catch (RuntimeException e) {
            throw new SigmaException(src, YamlSupport.line(document), "the rule could not be loaded: " + e, e);
        }
    }

    public static List<SigmaRule> parse(Path file) throws SigmaException {
        return parse(read(file), file.toString());
    }

    /** {@link #parseFile(String, String)} of a file, with the same size and encoding checks as {@link #parse(Path)}. */
    public static RuleFile parseFile(Path file) throws SigmaException {
        return parseFile(read(file), file.toString());
    }

    private static String read(Path file) throws SigmaException {
        String text;
        try {
            long size = Files.size(file);
            // Checked before reading: the YAML limit counts code points, but only once the whole file is in memory.
            if (size > MAX_FILE_BYTES) {
                throw new SigmaException(file.toString(), 0, "the file is " + size
                        + " bytes; rule files are limited to " + MAX_FILE_BYTES + " bytes");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new SigmaException(file.toString(), 0, "not valid UTF-8", e);
        } catch (IOException e) {
            throw new SigmaException(file.toString(), 0, "cannot read: " + e, e);
        }
        return text;
    }

    /** "rules/aws/aws_ssm_send_command.yml" -> "aws_ssm_send_command". */
    static String stem(String source) {
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        String file = source.substring(slash + 1);
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}
