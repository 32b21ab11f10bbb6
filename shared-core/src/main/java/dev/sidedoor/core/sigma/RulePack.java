package dev.sidedoor.core.sigma;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The built-in rule files composed at build time: each file's YAML documents as node trees, with lines and with
 * every number, boolean and null already constructed. Loading them needs none of SnakeYAML's scanner, parser,
 * resolver or constructor (about a fifth of a function's cold start); the rule builder then runs on the trees
 * exactly as it does on a file composed at run time, so a packed rule and its YAML give the same rule. User rules
 * are read from YAML as before.
 *
 * <p>Public only for {@link #main}, which the shared-core build runs over the copied resources (see its pom).
 */
public final class RulePack {

    private static final int MAGIC = 0x53445250; // "SDRP"
    private static final int VERSION = 2;

    private static final byte SCALAR = 0;
    private static final byte SEQUENCE = 1;
    private static final byte MAPPING = 2;

    /** The scalar tags a rule may carry, by their code in the pack (the index in this list). */
    private static final List<Tag> SCALAR_TAGS = List.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL,
            Tag.TIMESTAMP);

    private static final byte TEXT = 0;
    private static final byte NULL = 1;
    private static final byte TRUE = 2;
    private static final byte FALSE = 3;
    private static final byte INT = 4;
    private static final byte LONG = 5;
    private static final byte BIG = 6;
    private static final byte DOUBLE = 7;

    private RulePack() {
    }

    /** A scalar read from the pack: its value as SnakeYAML's SafeConstructor made it when the pack was written. */
    static final class ConstructedScalar extends ScalarNode {
        private final Object constructed;

        ConstructedScalar(Tag tag, String value, Mark mark, Object constructed) {
            super(tag, value, mark, mark, DumperOptions.ScalarStyle.PLAIN);
            this.constructed = constructed;
        }

        Object constructed() {
            return constructed;
        }
    }

    /**
     * Writes the pack: {@code main(classesDir, indexResource, packResource)}. Every file the index lists is
     * composed with the same limits and tag checks as at run time; a file that does not compose fails the build.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: RulePack <classes dir> <index resource> <pack resource>");
        }
        Path root = Path.of(args[0]);
        Map<String, String> files = new LinkedHashMap<>();
        for (String entry : Files.readAllLines(root.resolve(args[1]), StandardCharsets.UTF_8)) {
            if (!entry.isBlank() && !entry.strip().startsWith("#")) {
                files.put(entry.strip(), Files.readString(root.resolve(entry.strip()), StandardCharsets.UTF_8));
            }
        }
        Path out = root.resolve(args[2]);
        Files.createDirectories(out.getParent());
        try (OutputStream o = Files.newOutputStream(out)) {
            write(files, o);
        } catch (SigmaException e) {
            throw new IllegalStateException("built-in rule does not compose: " + e.getMessage(), e);
        }
    }

    /** Composes each named YAML text and writes the trees, in order. */
    static void write(Map<String, String> files, OutputStream out) throws IOException, SigmaException {
        DataOutputStream d = new DataOutputStream(new BufferedOutputStream(out));
        d.writeInt(MAGIC);
        d.writeInt(VERSION);
        d.writeInt(files.size());
        for (Map.Entry<String, String> f : files.entrySet()) {
            YamlSupport yaml = new YamlSupport(f.getKey());
            List<Node> documents = yaml.compose(f.getValue());
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            DataOutputStream b = new DataOutputStream(body);
            b.writeInt(documents.size());
            for (Node n : documents) {
                writeNode(b, yaml, n);
            }
            b.flush();
            writeString(d, f.getKey());
            // The length lets a reader pass over the files it does not want without reading their trees.
            d.writeInt(body.size());
            body.writeTo(d);
        }
        d.flush();
    }

    private static void writeNode(DataOutputStream d, YamlSupport yaml, Node n) throws IOException, SigmaException {
        Mark mark = n.getStartMark();
        if (n instanceof ScalarNode s) {
            int tag = SCALAR_TAGS.indexOf(s.getTag());
            if (tag < 0) {
                throw yaml.error(n, "unsupported YAML tag " + s.getTag().getValue());
            }
            d.writeByte(SCALAR);
            d.writeByte(tag);
            writeMark(d, mark);
            writeString(d, s.getValue());
            writeConstructed(d, s.getTag().equals(Tag.STR) || s.getTag().equals(Tag.TIMESTAMP), yaml, s);
        } else if (n instanceof SequenceNode seq) {
            d.writeByte(SEQUENCE);
            writeMark(d, mark);
            d.writeInt(seq.getValue().size());
            for (Node item : seq.getValue()) {
                writeNode(d, yaml, item);
            }
        } else {
            MappingNode m = (MappingNode) n;
            d.writeByte(MAPPING);
            writeMark(d, mark);
            d.writeInt(m.getValue().size());
            for (NodeTuple t : m.getValue()) {
                writeNode(d, yaml, t.getKeyNode());
                writeNode(d, yaml, t.getValueNode());
            }
        }
    }

    private static void writeConstructed(DataOutputStream d, boolean text, YamlSupport yaml, ScalarNode s)
            throws IOException, SigmaException {
        if (text) {
            d.writeByte(TEXT);
            return;
        }
        Object v = yaml.construct(s);
        if (v == null) {
            d.writeByte(NULL);
        } else if (v instanceof Boolean b) {
            d.writeByte(b ? TRUE : FALSE);
        } else if (v instanceof Integer i) {
            d.writeByte(INT);
            d.writeInt(i);
        } else if (v instanceof Long l) {
            d.writeByte(LONG);
            d.writeLong(l);
        } else if (v instanceof BigInteger b) {
            d.writeByte(BIG);
            writeString(d, b.toString());
        } else if (v instanceof Double x) {
            d.writeByte(DOUBLE);
            d.writeDouble(x);
        } else {
            throw yaml.error(s, "a " + s.getTag().getValue() + " value the pack cannot hold: " + v.getClass());
        }
    }

    private static void writeMark(DataOutputStream d, Mark mark) throws IOException {
        d.writeInt(mark == null ? -1 : mark.getLine());
        d.writeInt(mark == null ? -1 : mark.getColumn());
    }

    private static void writeString(DataOutputStream d, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        d.writeInt(b.length);
        d.write(b);
    }

    /** One file of the pack: its resource name and its documents. */
    record File(String name, List<Node> documents) {
    }

    /** Every file of a pack, in the order written. */
    static List<File> read(InputStream in) throws IOException {
        return read(in, name -> true);
    }

    /** The files of a pack {@code wanted} accepts, in the order written; the others are skipped unread. */
    static List<File> read(InputStream in, java.util.function.Predicate<String> wanted) throws IOException {
        DataInputStream d = new DataInputStream(new BufferedInputStream(in, 64 * 1024));
        if (d.readInt() != MAGIC) {
            throw new IOException("not a sidedoor rule pack");
        }
        int version = d.readInt();
        if (version != VERSION) {
            throw new IOException("rule pack version " + version + ", expected " + VERSION + " (a stale build?)");
        }
        int count = d.readInt();
        List<File> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = readString(d);
            int length = d.readInt();
            if (!wanted.test(name)) {
                d.skipNBytes(length);
                continue;
            }
            int documents = d.readInt();
            List<Node> nodes = new ArrayList<>(documents);
            for (int j = 0; j < documents; j++) {
                nodes.add(readNode(d, name));
            }
            files.add(new File(name, nodes));
        }
        return files;
    }

    private static Node readNode(DataInputStream d, String source) throws IOException {
        byte kind = d.readByte();
        switch (kind) {
            case SCALAR -> {
                int tag = d.readUnsignedByte();
                if (tag >= SCALAR_TAGS.size()) {
                    throw new IOException("corrupt rule pack: scalar tag " + tag);
                }
                Mark mark = readMark(d, source);
                String value = readString(d);
                byte type = d.readByte();
                if (type == TEXT) {
                    return new ScalarNode(SCALAR_TAGS.get(tag), value, mark, mark, DumperOptions.ScalarStyle.PLAIN);
                }
                return new ConstructedScalar(SCALAR_TAGS.get(tag), value, mark, readConstructed(d, type));
            }
            case SEQUENCE -> {
                Mark mark = readMark(d, source);
                int size = d.readInt();
                List<Node> items = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    items.add(readNode(d, source));
                }
                return new SequenceNode(Tag.SEQ, true, items, mark, mark, DumperOptions.FlowStyle.AUTO);
            }
            case MAPPING -> {
                Mark mark = readMark(d, source);
                int size = d.readInt();
                List<NodeTuple> tuples = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    Node key = readNode(d, source);
                    tuples.add(new NodeTuple(key, readNode(d, source)));
                }
                return new MappingNode(Tag.MAP, true, tuples, mark, mark, DumperOptions.FlowStyle.AUTO);
            }
            default -> throw new IOException("corrupt rule pack: node kind " + kind);
        }
    }

    private static Object readConstructed(DataInputStream d, byte type) throws IOException {
        return switch (type) {
            case NULL -> null;
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case INT -> d.readInt();
            case LONG -> d.readLong();
            case BIG -> new BigInteger(readString(d));
            case DOUBLE -> d.readDouble();
            default -> throw new IOException("corrupt rule pack: value type " + type);
        };
    }

    private static Mark readMark(DataInputStream d, String source) throws IOException {
        int line = d.readInt();
        int column = d.readInt();
        return line < 0 ? null : new Mark(source, 0, line, column, NO_BUFFER, 0);
    }

    private static final int[] NO_BUFFER = new int[0];

    private static String readString(DataInputStream d) throws IOException {
        int length = d.readInt();
        if (length < 0 || length > SigmaParser.MAX_FILE_BYTES) {
            throw new IOException("corrupt rule pack: string of " + length + " bytes");
        }
        byte[] b = new byte[length];
        d.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
