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
            rules.add(builder.build(document, name));
        }
        return List.copyOf(rules);
    }

    public static List<SigmaRule> parse(Path file) throws SigmaException {
        String text;
        try {
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
