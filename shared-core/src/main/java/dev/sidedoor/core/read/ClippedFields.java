package dev.sidedoor.core.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Finds the string values {@link StringClipper} cut in one record and words a note for each. */
final class ClippedFields {

    /** At most this many cut fields are named per record; the count covers them all. */
    static final int MAX_NAMED = 5;

    private ClippedFields() {
    }

    /** One note per cut value, by field path ("requestParameters.userAgent"); at most {@value #MAX_NAMED}. */
    static List<String> find(JsonNode record) {
        List<String> notes = new ArrayList<>(1);
        walk(record, "", notes, 0);
        return notes;
    }

    private static void walk(JsonNode n, String path, List<String> notes, int depth) {
        if (notes.size() >= MAX_NAMED || depth > 64) {
            return;
        }
        if (n.isTextual()) {
            String s = n.textValue();
            long original = StringClipper.clippedLength(s);
            if (original >= 0) {
                notes.add("field " + (path.isEmpty() ? "(value)" : shortPath(path)) + " clipped from " + original
                        + " bytes to " + StringClipper.keptChars(s) + " characters");
            }
        } else if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), notes, depth + 1);
            }
        } else if (n.isArray()) {
            int i = 0;
            for (JsonNode v : n) {
                walk(v, path + "[" + i++ + "]", notes, depth + 1);
            }
        }
    }

    /** The path as written, its names cut to 200 characters: field names are attacker-chosen too. */
    private static String shortPath(String path) {
        return path.length() > 200 ? path.substring(0, 200) + "..." : path;
    }
}
