package dev.sidedoor.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A validator for OCSF events that reads the official schema files (events/, objects/, dictionary.json, profiles/,
 * includes/) rather than a hand-kept list: a class or object is resolved through its {@code extends} chain and its
 * {@code $include}s, attribute definitions are merged over the dictionary's, and profile attributes count only when
 * the event declares the profile in {@code metadata.profiles} (as the OCSF server's validator does).
 *
 * <p>Checks: every attribute is defined for its class or object; required attributes are present; {@code at_least_one}
 * and {@code just_one} constraints; types (string, integer, long, float, boolean, timestamp, objects recursively,
 * arrays) with the types' regex, max_len and range; enum values and the caption of their sibling; no null anywhere;
 * class_uid, category_uid and type_uid derived from the class.
 */
final class OcsfSchema {

    private final Path root;
    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonNode dictionary;
    private final JsonNode types;
    private final JsonNode categories;
    private final Map<String, JsonNode> classes = new HashMap<>();
    private final Map<String, JsonNode> objects = new HashMap<>();
    private final Set<String> profileNames = new HashSet<>();
    private final Map<String, Map<String, ObjectNode>> resolved = new HashMap<>();

    /** The schema beside the project ({@code ../shared/ocsf-schema-1.1.0}), looked for from the module directory. */
    static Path location() {
        return Paths.get(System.getProperty("user.dir")).resolve("../../shared/ocsf-schema-1.1.0").normalize();
    }

    OcsfSchema(Path root) throws IOException {
        this.root = root;
        this.dictionary = read(root.resolve("dictionary.json")).path("attributes");
        this.types = read(root.resolve("dictionary.json")).path("types").path("attributes");
        this.categories = read(root.resolve("categories.json")).path("attributes");
        for (Path p : jsonFiles(root.resolve("events"))) {
            JsonNode n = read(p);
            classes.put(n.path("name").asText(), n);
        }
        for (Path p : jsonFiles(root.resolve("objects"))) {
            JsonNode n = read(p);
            objects.put(n.path("name").asText(), n);
        }
        for (Path p : jsonFiles(root.resolve("profiles"))) {
            profileNames.add(read(p).path("name").asText());
        }
    }

    /** The problems of one event, each naming the attribute's path; empty when the event is valid. */
    List<String> validate(JsonNode event) {
        List<String> errors = new ArrayList<>();
        JsonNode cls = classByUid(event.path("class_uid").asInt(-1), event.path("category_uid").asInt(-1));
        if (cls == null) {
            errors.add("class_uid/category_uid: no such class: " + event.path("class_uid") + "/"
                    + event.path("category_uid"));
            return errors;
        }
        Set<String> profiles = new HashSet<>();
        for (JsonNode p : event.path("metadata").path("profiles")) {
            if (!profileNames.contains(p.asText())) {
                errors.add("metadata.profiles: unknown profile " + p);
            }
            profiles.add(p.asText());
        }
        Map<String, ObjectNode> attrs = withClassEnums(cls, classAttributes(cls));
        checkObject("", event, attrs, constraints(cls), profiles, errors);
        return errors;
    }

    /**
     * The class's own values of class_uid, category_uid and type_uid (the schema server derives them: class_uid is
     * category uid * 1000 + class uid, type_uid class_uid * 100 + activity_id), so the enum and sibling checks cover
     * them and their captions.
     */
    private Map<String, ObjectNode> withClassEnums(JsonNode cls, Map<String, ObjectNode> attrs) {
        Map<String, ObjectNode> out = new LinkedHashMap<>(attrs);
        JsonNode category = categories.path(cls.path("category").asText());
        int classUid = category.path("uid").asInt() * 1000 + cls.path("uid").asInt();
        String caption = cls.path("caption").asText();
        out.put("class_uid", withEnum(attrs.get("class_uid"), Map.of(String.valueOf(classUid), caption)));
        out.put("category_uid", withEnum(attrs.get("category_uid"),
                Map.of(category.path("uid").asText(), category.path("caption").asText())));
        Map<String, String> typeUids = new HashMap<>();
        attrs.get("activity_id").path("enum").fields().forEachRemaining(e -> typeUids.put(
                String.valueOf(classUid * 100L + Long.parseLong(e.getKey())),
                caption + ": " + e.getValue().path("caption").asText()));
        out.put("type_uid", withEnum(attrs.get("type_uid"), typeUids));
        return out;
    }

    private ObjectNode withEnum(ObjectNode def, Map<String, String> values) {
        ObjectNode out = def.deepCopy();
        ObjectNode e = mapper.createObjectNode();
        values.forEach((k, v) -> e.putObject(k).put("caption", v));
        out.set("enum", e);
        return out;
    }

    private JsonNode classByUid(int classUid, int categoryUid) {
        for (JsonNode c : classes.values()) {
            JsonNode category = categories.path(c.path("category").asText());
            if (c.has("uid") && category.path("uid").asInt() == categoryUid
                    && categoryUid * 1000 + c.path("uid").asInt() == classUid) {
                return c;
            }
        }
        return null;
    }

    private Map<String, ObjectNode> classAttributes(JsonNode cls) {
        return cached("class:" + cls.path("name").asText(), cls, classes);
    }

    private Map<String, ObjectNode> objectAttributes(String name) {
        return cached("object:" + name, objects.get(name), objects);
    }

    private Map<String, ObjectNode> cached(String key, JsonNode item, Map<String, JsonNode> family) {
        Map<String, ObjectNode> r = resolved.get(key);
        if (r == null) {
            r = resolve(item, family);
            resolved.put(key, r);
        }
        return r;
    }

    /** Attribute definitions of a class or object: parents first, includes under the item's own, dictionary under all. */
    private Map<String, ObjectNode> resolve(JsonNode item, Map<String, JsonNode> family) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        String parent = item.path("extends").asText("");
        if (!parent.isEmpty()) {
            JsonNode p = family.get(parent);
            if (p == null) {
                throw new IllegalStateException(item.path("name") + " extends unknown " + parent);
            }
            out.putAll(family == classes ? classAttributes(p) : objectAttributes(parent));
            out.replaceAll((k, v) -> v.deepCopy());
        }
        JsonNode own = item.path("attributes");
        for (JsonNode include : own.path("$include")) {
            String path = include.asText();
            JsonNode inc = read(root.resolve(path));
            String profile = path.startsWith("profiles/") ? inc.path("name").asText() : null;
            inc.path("attributes").fields().forEachRemaining(e -> {
                ObjectNode def = merge(out.get(e.getKey()), e.getValue());
                if (profile != null) {
                    def.put("profile", profile);
                }
                out.put(e.getKey(), def);
            });
        }
        own.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("$include")) {
                out.put(e.getKey(), merge(out.get(e.getKey()), e.getValue()));
            }
        });
        out.replaceAll((k, v) -> {
            JsonNode dict = dictionary.get(k);
            if (dict == null) {
                throw new IllegalStateException(item.path("name") + "." + k + " is not in the dictionary");
            }
            return merge(((ObjectNode) dict).deepCopy(), v);
        });
        return out;
    }

    private static ObjectNode merge(ObjectNode base, JsonNode over) {
        ObjectNode out = base == null ? new ObjectMapper().createObjectNode() : base.deepCopy();
        over.fields().forEachRemaining(e -> {
            if (e.getValue().isObject() && out.get(e.getKey()) instanceof ObjectNode b) {
                out.set(e.getKey(), merge(b, e.getValue()));
            } else {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return out;
    }

    private JsonNode constraints(JsonNode item) {
        JsonNode c = item.path("constraints");
        if (c.isObject() && c.size() > 0) {
            return c;
        }
        String parent = item.path("extends").asText("");
        if (parent.isEmpty()) {
            return c;
        }
        return constraints(classes.containsKey(parent) && item.has("category") ? classes.get(parent)
                : objects.get(parent));
    }

    private static boolean counts(ObjectNode def, Set<String> profiles) {
        return def != null && (!def.has("profile") || profiles.contains(def.get("profile").asText()));
    }

    private void checkObject(String path, JsonNode node, Map<String, ObjectNode> attrs, JsonNode constraints,
            Set<String> profiles, List<String> errors) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = path + e.getKey();
            ObjectNode def = attrs.get(e.getKey());
            if (!counts(def, profiles)) {
                errors.add(at + ": not an attribute here" + (def == null ? "" : " without profile " + def.get("profile")));
            } else if (e.getValue().isNull()) {
                errors.add(at + ": null");
            } else {
                checkValue(at, e.getValue(), def, profiles, errors);
                checkSibling(at, node, e.getValue(), def, errors);
            }
        }
        attrs.forEach((name, def) -> {
            if ("required".equals(def.path("requirement").asText()) && counts(def, profiles) && !node.has(name)) {
                errors.add(path + name + ": required, missing");
            }
        });
        JsonNode one = constraints.path("at_least_one");
        if (one.isArray() && one.size() > 0 && stream(one).noneMatch(node::has)) {
            errors.add(path + "{}: needs at least one of " + one);
        }
        JsonNode just = constraints.path("just_one");
        if (just.isArray() && just.size() > 0 && stream(just).filter(node::has).count() != 1) {
            errors.add(path + "{}: needs just one of " + just);
        }
    }

    private static Stream<String> stream(JsonNode names) {
        List<String> out = new ArrayList<>();
        names.forEach(n -> out.add(n.asText()));
        return out.stream();
    }

    private void checkSibling(String at, JsonNode node, JsonNode value, ObjectNode def, List<String> errors) {
        String sibling = def.path("sibling").asText("");
        JsonNode caption = def.path("enum").path(value.asText()).path("caption");
        if (!sibling.isEmpty() && node.has(sibling) && !value.asText().equals("99") && caption.isTextual()
                && !node.get(sibling).asText().equals(caption.asText())) {
            errors.add(at + ": " + value + " is \"" + caption.asText() + "\" but " + sibling + " says " + node.get(sibling));
        }
    }

    private void checkValue(String at, JsonNode value, ObjectNode def, Set<String> profiles, List<String> errors) {
        if (def.path("is_array").asBoolean()) {
            if (!value.isArray()) {
                errors.add(at + ": not an array");
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                if (value.get(i).isNull()) {
                    errors.add(at + "[" + i + "]: null");
                } else {
                    checkOne(at + "[" + i + "]", value.get(i), def, profiles, errors);
                }
            }
        } else if (value.isArray()) {
            errors.add(at + ": an array where one value belongs");
        } else {
            checkOne(at, value, def, profiles, errors);
        }
    }

    private void checkOne(String at, JsonNode value, ObjectNode def, Set<String> profiles, List<String> errors) {
        String type = def.path("type").asText();
        // "object" (unmapped's type) is also the name of the root object, which has no attributes: any object.
        if (!type.equals("object") && objects.containsKey(type)) {
            if (!value.isObject()) {
                errors.add(at + ": not an object (" + type + ")");
            } else {
                checkObject(at + ".", value, objectAttributes(type), constraints(objects.get(type)), profiles, errors);
            }
            return;
        }
        if (type.equals("object") || type.equals("json_t")) {
            noNulls(at, value, errors);
            if (type.equals("object") && !value.isObject()) {
                errors.add(at + ": not an object");
            }
            return;
        }
        checkScalar(at, value, type, errors);
        JsonNode values = def.path("enum");
        if (values.isObject() && !values.has(value.asText())) {
            errors.add(at + ": " + value + " is not one of the enum values " + fieldNames(values));
        }
    }

    private void checkScalar(String at, JsonNode value, String type, List<String> errors) {
        JsonNode t = types.get(type);
        if (t == null) {
            errors.add(at + ": unknown type " + type);
            return;
        }
        switch (type) {
            case "boolean_t" -> require(errors, at, value.isBoolean(), "a boolean");
            case "integer_t" -> require(errors, at, value.isIntegralNumber() && value.canConvertToInt(), "an integer");
            case "long_t" -> require(errors, at, value.isIntegralNumber() && value.canConvertToLong(), "a long");
            case "float_t" -> require(errors, at, value.isNumber(), "a number");
            case "string_t" -> require(errors, at, value.isTextual(), "a string");
            default -> checkScalar(at, value, t.path("type").asText(), errors);
        }
        if (t.has("regex") && value.isTextual() && !Pattern.compile(t.get("regex").asText()).matcher(value.asText()).find()) {
            errors.add(at + ": " + value + " does not match " + type);
        }
        if (t.has("max_len") && value.isTextual() && value.asText().length() > t.get("max_len").asInt()) {
            errors.add(at + ": longer than " + t.get("max_len") + " (" + type + ")");
        }
        JsonNode range = t.path("range");
        if (range.isArray() && value.isNumber() && (value.asLong() < range.get(0).asLong()
                || value.asLong() > range.get(1).asLong())) {
            errors.add(at + ": " + value + " outside " + range + " (" + type + ")");
        }
    }

    private static void require(List<String> errors, String at, boolean ok, String what) {
        if (!ok) {
            errors.add(at + ": not " + what);
        }
    }

    private static void noNulls(String at, JsonNode value, List<String> errors) {
        if (value.isNull()) {
            errors.add(at + ": null");
        } else if (value.isObject()) {
            value.fields().forEachRemaining(e -> noNulls(at + "." + e.getKey(), e.getValue(), errors));
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                noNulls(at + "[" + i + "]", value.get(i), errors);
            }
        }
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private JsonNode read(Path p) {
        try {
            return mapper.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }
}
