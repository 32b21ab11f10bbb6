package dev.sidedoor.core.sigma;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Compiles one search identifier of a detection: a map (all fields must match), a list of maps (any map), or
 * plain values (keywords searched across the whole record).
 */
final class SelectionCompiler {

    private final YamlSupport yaml;
    private final ValueCompiler values;
    private final FieldLiterals literals;

    SelectionCompiler(YamlSupport yaml, FieldLiterals literals, RegexBudget regexes) {
        this.yaml = yaml;
        this.literals = literals;
        this.values = new ValueCompiler(yaml, regexes);
    }

    DocMatcher compile(String identifier, Node node) throws SigmaException {
        if (node instanceof MappingNode m) {
            return map(identifier, m);
        }
        if (node instanceof SequenceNode s) {
            List<Node> items = s.getValue();
            if (items.isEmpty()) {
                throw yaml.error(node, "search identifier '" + identifier + "' is an empty list");
            }
            if (items.stream().allMatch(MappingNode.class::isInstance)) {
                List<DocMatcher> alternatives = new ArrayList<>(items.size());
                for (Node item : items) {
                    alternatives.add(map(identifier, (MappingNode) item));
                }
                return BooleanMatchers.or(alternatives);
            }
            if (items.stream().allMatch(ScalarNode.class::isInstance)) {
                return keywords(items, Modifiers.NONE);
            }
            if (items.stream().allMatch(i -> i instanceof MappingNode || i instanceof ScalarNode)) {
                // Keywords and maps in one list are alternatives, as pySigma reads them.
                List<DocMatcher> alternatives = new ArrayList<>(items.size());
                List<Node> words = new ArrayList<>();
                for (Node item : items) {
                    if (item instanceof MappingNode m) {
                        alternatives.add(map(identifier, m));
                    } else {
                        words.add(item);
                    }
                }
                alternatives.add(keywords(words, Modifiers.NONE));
                return BooleanMatchers.or(alternatives);
            }
            throw yaml.error(node, "search identifier '" + identifier
                    + "' nests lists; use separate identifiers");
        }
        if (yaml.scalar(node).type() == YamlSupport.Scalar.Type.NULL) {
            throw yaml.error(node, "search identifier '" + identifier + "' is empty");
        }
        return keywords(List.of(node), Modifiers.NONE);
    }

    private DocMatcher map(String identifier, MappingNode m) throws SigmaException {
        List<YamlSupport.Entry> entries = yaml.entries(m);
        if (entries.isEmpty()) {
            throw yaml.error(m, "search identifier '" + identifier + "' has an empty map");
        }
        List<DocMatcher> fields = new ArrayList<>(entries.size());
        for (YamlSupport.Entry e : entries) {
            fields.add(field(e));
        }
        return BooleanMatchers.and(fields);
    }

    private DocMatcher field(YamlSupport.Entry e) throws SigmaException {
        String[] parts = e.key().split("\\|", -1);
        String field = parts[0].strip();
        Modifiers mods = Modifiers.parse(Arrays.asList(parts).subList(1, parts.length), yaml, e.keyNode());
        boolean keyword = field.isEmpty();
        List<Node> items = valueNodes(e);
        if (mods.kind() == Modifiers.Kind.EXISTS) {
            literals.notLiteral(field);
            return exists(field, keyword, items, e);
        }
        if (mods.all() && !(e.value() instanceof SequenceNode)) {
            throw yaml.error(e.keyNode(), "'all' needs a list of values; a single value cannot have it");
        }
        if (keyword) {
            return negatedIf(mods.neq(), keywords(items, mods));
        }
        if (mods.neq()) {
            literals.notLiteral(field);
        } else {
            noteLiterals(field, items, mods);
        }
        if (mods.cased() || mods.kind() == Modifiers.Kind.RE
                && (mods.regexFlags() & com.google.re2j.Pattern.CASE_INSENSITIVE) == 0) {
            literals.caseSensitive(field);
        }
        return negatedIf(mods.neq(), new FieldMatcher(field, tests(items, mods, false), mods.all()));
    }

    /**
     * {@code |neq} (Sigma v2.1): the field differs from every value, after the other modifiers. A missing field
     * differs from any value.
     */
    private static DocMatcher negatedIf(boolean neq, DocMatcher m) {
        return neq ? BooleanMatchers.not(m) : m;
    }

    private void noteLiterals(String field, List<Node> items, Modifiers mods) throws SigmaException {
        LiteralValue.Kind kind = switch (mods.compare()) {
            case EQUALS -> LiteralValue.Kind.EQUALS;
            case STARTSWITH -> LiteralValue.Kind.PREFIX;
            case ENDSWITH -> LiteralValue.Kind.SUFFIX;
            default -> null;
        };
        boolean plain = kind != null && !mods.all() && mods.kind() == Modifiers.Kind.STRING && !mods.cased()
                && mods.timePart() == null
                && !mods.windash() && !mods.expand() && mods.base64() == Modifiers.Base64.NONE;
        for (Node item : items) {
            YamlSupport.Scalar s = yaml.scalar(item);
            if (plain && s.type() == YamlSupport.Scalar.Type.STRING && FieldLiterals.isLiteral(s.text())) {
                literals.add(field, new LiteralValue(kind, s.text()));
            } else {
                literals.notLiteral(field);
            }
        }
    }

    private List<Node> valueNodes(YamlSupport.Entry e) throws SigmaException {
        Node v = e.value();
        if (v instanceof MappingNode) {
            throw yaml.error(v, "the value of '" + e.key() + "' is a map; Sigma values are plain values or lists");
        }
        if (v instanceof SequenceNode s) {
            if (s.getValue().isEmpty()) {
                throw yaml.error(v, "the value list of '" + e.key() + "' is empty");
            }
            for (Node item : s.getValue()) {
                if (!(item instanceof ScalarNode)) {
                    throw yaml.error(item, "the values of '" + e.key() + "' must be plain values, not a "
                            + YamlSupport.kind(item));
                }
                if (s.getValue().size() > 1 && yaml.scalar(item).type() == YamlSupport.Scalar.Type.NULL) {
                    throw yaml.error(item, "null cannot be part of a list of values; use a separate selection "
                            + "with '" + e.key() + ": null'");
                }
            }
            return s.getValue();
        }
        return List.of(v);
    }

    private DocMatcher exists(String field, boolean keyword, List<Node> items, YamlSupport.Entry e)
            throws SigmaException {
        if (keyword) {
            throw yaml.error(e.keyNode(), "'exists' needs a field name");
        }
        if (items.size() != 1) {
            throw yaml.error(e.value(), "'exists' takes a single true or false, not a list");
        }
        YamlSupport.Scalar s = yaml.scalar(items.get(0));
        if (s.type() != YamlSupport.Scalar.Type.BOOLEAN) {
            throw yaml.error(items.get(0), "'exists' takes true or false, not '" + s.text() + "'");
        }
        return new ExistsMatcher(field, Boolean.parseBoolean(s.text()));
    }

    private DocMatcher keywords(List<Node> items, Modifiers mods) throws SigmaException {
        return new KeywordMatcher(tests(items, mods, true), mods.all());
    }

    private ValueTest[] tests(List<Node> items, Modifiers mods, boolean keyword) throws SigmaException {
        ValueTest[] tests = new ValueTest[items.size()];
        for (int i = 0; i < tests.length; i++) {
            tests[i] = values.compile(yaml.scalar(items.get(i)), mods, keyword);
        }
        return tests;
    }
}
