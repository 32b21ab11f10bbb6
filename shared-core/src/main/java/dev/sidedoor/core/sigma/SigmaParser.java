package dev.sidedoor.core.sigma;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Parses Sigma YAML into compiled {@link SigmaRule}s. A file may hold several YAML documents, one rule each.
 * Any problem (YAML syntax, unknown modifier, bad condition, invalid regex or CIDR...) is a
 * {@link SigmaException} naming the source and line; a file either loads completely or not at all, so a rule is
 * never half-active.
 */
public final class SigmaParser {

    /** Room for {@link YamlSupport#MAX_CODE_POINTS} of multi-byte UTF-8; larger files fail that limit anyway. */
    static final long MAX_FILE_BYTES = 4L * YamlSupport.MAX_CODE_POINTS;

    private SigmaParser() {
    }

    public static List<SigmaRule> parse(String yamlText, String source) throws SigmaException {
        String src = source == null ? "<unnamed>" : source;
        if (yamlText == null) {
            throw new SigmaException(src, 0, "no rule text");
        }
        YamlSupport yaml = new YamlSupport(src);
        RuleBuilder builder = new RuleBuilder(yaml);
        String stem = stem(src);
        List<SigmaRule> rules = new ArrayList<>();
        for (Node document : yaml.compose(yamlText)) {
            String name = rules.isEmpty() ? stem : stem + "#" + (rules.size() + 1);
            rules.add(build(builder, document, name, src));
        }
        return List.copyOf(rules);
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
        return parse(text, file.toString());
    }

    /** "rules/aws/aws_ssm_send_command.yml" -> "aws_ssm_send_command". */
    static String stem(String source) {
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        String file = source.substring(slash + 1);
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}
