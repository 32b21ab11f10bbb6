package dev.sidedoor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rewrites the parts of the project's files that are generated from the rules (the README's rule table, the
 * EventBridge patterns in the SAM templates), leaving every other line as it is.
 */
final class GeneratedBlocks {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._/:-]*[A-Za-z0-9._]|[A-Za-z0-9]");
    private static final Pattern YAML_SPECIAL = Pattern.compile(
            "(?i)(true|false|yes|no|on|off|null|~|[-+]?[0-9.][0-9._e+-]*)|.*(: | #).*|.*:$");

    private GeneratedBlocks() {
    }

    /** The text with what lies between the line holding {@code startMarker} and the one holding {@code endMarker}
     * replaced by {@code body}. */
    static String replaceBetween(String text, String startMarker, String endMarker, String body) {
        int start = text.indexOf(startMarker);
        int end = text.indexOf(endMarker, start + 1);
        if (start < 0 || end < 0) {
            throw new IllegalArgumentException("markers " + startMarker + " ... " + endMarker + " not found");
        }
        int afterStartLine = text.indexOf('\n', start) + 1;
        int endLine = text.lastIndexOf('\n', end) + 1;
        return text.substring(0, afterStartLine) + body + text.substring(endLine);
    }

    /**
     * The YAML text with the block under the first line that is exactly {@code key:} (after indentation) replaced by
     * {@code value} rendered as block YAML two spaces deeper. Comment lines that open the block are kept.
     */
    static String replaceYamlValue(String yaml, String key, JsonNode value) {
        String[] lines = yaml.split("\n", -1);
        int at = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().equals(key + ":")) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            throw new IllegalArgumentException("no line '" + key + ":' found");
        }
        int indent = indentOf(lines[at]);
        int end = at + 1;
        List<String> kept = new ArrayList<>();
        while (end < lines.length && lines[end].strip().startsWith("#") && indentOf(lines[end]) > indent) {
            kept.add(lines[end++]);
        }
        while (end < lines.length && (lines[end].isBlank() ? nextIsDeeper(lines, end, indent)
                : indentOf(lines[end]) > indent)) {
            end++;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i <= at; i++) {
            out.add(lines[i]);
        }
        out.addAll(kept);
        render(value, indent + 2, out);
        for (int i = end; i < lines.length; i++) {
            out.add(lines[i]);
        }
        return String.join("\n", out);
    }

    private static boolean nextIsDeeper(String[] lines, int i, int indent) {
        for (int j = i + 1; j < lines.length; j++) {
            if (!lines[j].isBlank()) {
                return indentOf(lines[j]) > indent;
            }
        }
        return false;
    }

    private static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    /** Block YAML for objects, arrays and scalars, in the style the templates use. */
    static void render(JsonNode node, int indent, List<String> out) {
        String pad = " ".repeat(indent);
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v.isContainerNode()) {
                    out.add(pad + scalar(e.getKey()) + ":");
                    render(v, indent + 2, out);
                } else {
                    out.add(pad + scalar(e.getKey()) + ": " + scalar(v));
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (item.isObject() && item.size() > 0) {
                    List<String> inner = new ArrayList<>();
                    render(item, indent + 2, inner);
                    out.add(pad + "- " + inner.get(0).substring(indent + 2));
                    out.addAll(inner.subList(1, inner.size()));
                } else {
                    out.add(pad + "- " + scalar(item));
                }
            }
        } else {
            out.add(pad + scalar(node));
        }
    }

    private static String scalar(JsonNode v) {
        return v.isTextual() ? scalar(v.textValue()) : v.toString();
    }

    private static String scalar(String s) {
        boolean plain = (PLAIN.matcher(s).matches() || s.startsWith("$") && PLAIN.matcher(s.substring(1)).matches())
                && !YAML_SPECIAL.matcher(s).matches();
        return plain ? s : new com.fasterxml.jackson.databind.node.TextNode(s).toString();
    }
}
