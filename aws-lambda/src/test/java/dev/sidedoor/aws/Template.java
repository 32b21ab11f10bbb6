package dev.sidedoor.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** template.yaml as a JSON tree; CloudFormation short-form tags (!Ref, !If...) become {"!Ref": value}. */
final class Template {

    static final Path FILE = Path.of("..", "template.yaml");
    static final Path FORWARDER = Path.of("..", "template-forwarder.yaml");

    private Template() {
    }

    static JsonNode load() throws IOException {
        return load(FILE);
    }

    static JsonNode load(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            Object tree = new Yaml(new IntrinsicTags()).load(r);
            return AwsFixtures.JSON.valueToTree(tree);
        }
    }

    static JsonNode function() throws IOException {
        return load().path("Resources").path("SidedoorFunction");
    }

    private static final class IntrinsicTags extends SafeConstructor {
        IntrinsicTags() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue();
                    if (node instanceof ScalarNode s) {
                        return Map.of(tag, s.getValue());
                    }
                    if (node instanceof SequenceNode s) {
                        return Map.of(tag, constructSequence(s));
                    }
                    return Map.of(tag, constructMapping((MappingNode) node));
                }
            });
        }
    }
}
