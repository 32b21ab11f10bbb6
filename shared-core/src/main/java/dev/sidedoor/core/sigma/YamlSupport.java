package dev.sidedoor.core.sigma;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads rule files as SnakeYAML node trees (not Java objects) so that every error can name its line, and so that
 * YAML tags are never turned into objects: only the standard scalar types are ever constructed, by SnakeYAML's
 * SafeConstructor, and any other tag is an error.
 *
 * <p>One instance per file: the SafeConstructor it wraps caches constructed nodes.
 */
final class YamlSupport {

    /** Anchors are rare in rules; a small cap stops "billion laughs" expansion before it starts. */
    static final int MAX_ALIASES = 10;
    /** Rules nest four or five levels; custom blocks a few more. */
    static final int MAX_NESTING = 40;
    /** Rule files are a few kilobytes; a cap keeps a mistaken multi-megabyte file from being read whole. */
    static final int MAX_CODE_POINTS = 2 * 1024 * 1024;

    private final String source;
    /** Made on first use: rules read back from a {@link RulePack} carry their scalars constructed already. */
    private Scalars scalars;

    YamlSupport(String source) {
        this.source = source;
    }

    private static LoaderOptions options() {
        LoaderOptions o = new LoaderOptions();
        o.setMaxAliasesForCollections(MAX_ALIASES);
        o.setAllowRecursiveKeys(false);
        o.setNestingDepthLimit(MAX_NESTING);
        o.setCodePointLimit(MAX_CODE_POINTS);
        o.setAllowDuplicateKeys(false);
        return o;
    }

    String source() {
        return source;
    }

    /** Every document of the text; empty documents are dropped. */
    List<Node> compose(String text) throws SigmaException {
        List<Node> docs = new ArrayList<>();
        // Composed by hand rather than through Yaml.composeAll to keep the reader: the limits (nesting depth, size)
        // throw without a mark, and the reader's position is then the line to name.
        StreamReader reader = new StreamReader(new StringReader(text));
        try {
            LoaderOptions options = options();
            Composer composer = new Composer(new ParserImpl(reader, options), new Resolver(), options);
            while (composer.checkNode()) {
                Node n = composer.getNode();
                if (n != null && !(n instanceof ScalarNode && Tag.NULL.equals(n.getTag()))) {
                    checkTags(n, 0);
                    docs.add(n);
                }
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new SigmaException(source, mark == null ? reader.getLine() + 1 : mark.getLine() + 1,
                    "invalid YAML: " + problem, e);
        } catch (YAMLException e) {
            throw new SigmaException(source, reader.getLine() + 1, "invalid YAML: " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            // SnakeYAML composes recursively; the nesting limit stops that first, this keeps a small stack safe.
            throw new SigmaException(source, reader.getLine() + 1, "invalid YAML: nested too deeply");
        }
        return docs;
    }

    /** The only tags a rule may carry; anything else (explicit class tags, !!binary, !!set...) is refused. */
    static final Set<Tag> ALLOWED_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL,
            Tag.TIMESTAMP, Tag.MAP, Tag.SEQ);

    /**
     * Refuses foreign tags anywhere in the document before anything else reads it, and bounds the depth of the
     * tree as aliases expand it (a recursive alias would otherwise loop forever).
     */
    void checkTags(Node n, int depth) throws SigmaException {
        if (depth > MAX_NESTING) {
            throw error(n, "YAML nested too deeply (recursive alias?)");
        }
        if (!ALLOWED_TAGS.contains(n.getTag())) {
            throw error(n, "unsupported YAML tag " + n.getTag().getValue());
        }
        if (n instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (Tag.MERGE.equals(t.getKeyNode().getTag())) {
                    throw error(t.getKeyNode(), "YAML merge keys (<<) are not supported in rules");
                }
                checkTags(t.getKeyNode(), depth + 1);
                checkTags(t.getValueNode(), depth + 1);
            }
        } else if (n instanceof SequenceNode s) {
            for (Node item : s.getValue()) {
                checkTags(item, depth + 1);
            }
        }
    }

    static int line(Node n) {
        return n == null || n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }

    SigmaException error(Node at, String reason) {
        return error(line(at), reason);
    }

    SigmaException error(int line, String reason) {
        return new SigmaException(source, line, reason);
    }

    /** A mapping entry with its key as text and the key node for error lines. */
    record Entry(String key, Node keyNode, Node value) {
    }

    /** The entries of a mapping, rejecting non-scalar keys, merge keys and duplicates (always a mistake in a rule). */
    List<Entry> entries(MappingNode m) throws SigmaException {
        List<Entry> out = new ArrayList<>(m.getValue().size());
        Set<String> seen = new HashSet<>();
        for (NodeTuple t : m.getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode)) {
                throw error(k, "mapping keys must be plain strings");
            }
            if (Tag.MERGE.equals(k.getTag())) {
                throw error(k, "YAML merge keys (<<) are not supported in rules");
            }
            String key = ((ScalarNode) k).getValue();
            if (!seen.add(key)) {
                throw error(k, "duplicate key '" + key + "'");
            }
            out.add(new Entry(key, k, t.getValueNode()));
        }
        return out;
    }

    /** A scalar's text, or null for YAML null; an error for collections. */
    String text(Node n, String what) throws SigmaException {
        if (!(n instanceof ScalarNode)) {
            throw error(n, what + " must be a single value, not a " + kind(n));
        }
        return scalar(n).text();
    }

    static String kind(Node n) {
        if (n instanceof MappingNode) {
            return "mapping";
        }
        if (n instanceof SequenceNode) {
            return "list";
        }
        return "value";
    }

    /** A detection value with the YAML type it was written as. */
    record Scalar(Type type, String text, BigDecimal number, Node node) {
        enum Type { STRING, NUMBER, BOOLEAN, NULL }
    }

    Scalar scalar(Node n) throws SigmaException {
        ScalarNode s = (ScalarNode) n;
        Tag tag = s.getTag();
        String raw = s.getValue();
        if (Tag.STR.equals(tag) || Tag.TIMESTAMP.equals(tag)) {
            // Dates stay text: rule metadata dates are compared and shown as written.
            return new Scalar(Scalar.Type.STRING, raw, null, n);
        }
        if (Tag.NULL.equals(tag)) {
            return new Scalar(Scalar.Type.NULL, null, null, n);
        }
        if (Tag.BOOL.equals(tag)) {
            return new Scalar(Scalar.Type.BOOLEAN, String.valueOf(construct(s)), null, n);
        }
        if (Tag.INT.equals(tag)) {
            Object v = construct(s);
            String text = String.valueOf(v);
            return new Scalar(Scalar.Type.NUMBER, text, new BigDecimal(new BigInteger(text)), n);
        }
        if (Tag.FLOAT.equals(tag)) {
            double d = ((Number) construct(s)).doubleValue();
            if (!Double.isFinite(d)) {
                return new Scalar(Scalar.Type.STRING, raw, null, n);
            }
            return new Scalar(Scalar.Type.NUMBER, raw, BigDecimal.valueOf(d), n);
        }
        throw error(n, "unsupported YAML tag " + tag.getValue());
    }

    Object construct(ScalarNode s) throws SigmaException {
        if (s instanceof RulePack.ConstructedScalar c) {
            return c.constructed();
        }
        try {
            if (scalars == null) {
                scalars = new Scalars(options());
            }
            return scalars.construct(s);
        } catch (YAMLException | NumberFormatException e) {
            throw error(s, "invalid " + s.getTag().getValue() + " value '" + s.getValue() + "'");
        }
    }

    /**
     * A node as plain Java values (String, Boolean, Integer/Long/BigInteger, Double, null, List, Map with String
     * keys), read-only, for rule keys the engine does not interpret.
     */
    Object toJava(Node n) throws SigmaException {
        return toJava(n, 0);
    }

    private Object toJava(Node n, int depth) throws SigmaException {
        if (depth > MAX_NESTING) {
            throw error(n, "value nested too deeply (recursive alias?)");
        }
        if (n instanceof MappingNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Entry e : entries(m)) {
                out.put(e.key(), toJava(e.value(), depth + 1));
            }
            return Collections.unmodifiableMap(out);
        }
        if (n instanceof SequenceNode s) {
            List<Object> out = new ArrayList<>(s.getValue().size());
            for (Node item : s.getValue()) {
                out.add(toJava(item, depth + 1));
            }
            return Collections.unmodifiableList(out);
        }
        ScalarNode s = (ScalarNode) n;
        Tag tag = s.getTag();
        if (Tag.STR.equals(tag) || Tag.TIMESTAMP.equals(tag)) {
            return s.getValue();
        }
        if (Tag.NULL.equals(tag) || Tag.BOOL.equals(tag) || Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return construct(s);
        }
        throw error(n, "unsupported YAML tag " + tag.getValue());
    }

    /** Exposes SafeConstructor's standard scalar construction (YAML 1.1 ints, floats, booleans) node by node. */
    private static final class Scalars extends SafeConstructor {
        Scalars(LoaderOptions options) {
            super(options);
        }

        Object construct(ScalarNode node) {
            return constructObject(node);
        }
    }
}
