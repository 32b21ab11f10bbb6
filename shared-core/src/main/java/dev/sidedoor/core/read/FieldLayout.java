package dev.sidedoor.core.read;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The top-level names a screen keeps, each given a slot (its index in name order), so that a record's fields are
 * arrays filled again for every record rather than a map made for each. Immutable.
 */
final class FieldLayout {

    /**
     * The layout made last: every reader of one screen asks for the same names, and sharing the instance lets
     * {@link FieldDecisions} map its names to slots once rather than once per reader.
     */
    private static volatile FieldLayout last;

    private final Set<String> set;
    private final String[] names;
    private final byte[][] utf8;
    private final Map<String, Integer> slots = new HashMap<>();

    private FieldLayout(Set<String> names) {
        this.set = Set.copyOf(names);
        this.names = names.stream().sorted().toArray(String[]::new);
        this.utf8 = new byte[this.names.length][];
        for (int i = 0; i < this.names.length; i++) {
            utf8[i] = this.names[i].getBytes(StandardCharsets.UTF_8);
            slots.put(this.names[i], i);
        }
    }

    static FieldLayout of(Set<String> names) {
        FieldLayout l = last;
        if (l != null && (l.set == names || l.set.equals(names))) {
            return l;
        }
        l = new FieldLayout(names);
        last = l;
        return l;
    }

    int size() {
        return names.length;
    }

    /** The slot of {@code name}, or -1 when it is not kept. */
    int slot(String name) {
        Integer s = slots.get(name);
        return s == null ? -1 : s;
    }

    String name(int slot) {
        return names[slot];
    }

    byte[] utf8(int slot) {
        return utf8[slot];
    }

    /** The slots of {@code wanted} (-1 for a name not kept), for a caller that looks the same names up every time. */
    int[] slotsOf(String[] wanted) {
        int[] out = new int[wanted.length];
        for (int i = 0; i < wanted.length; i++) {
            out[i] = slot(wanted[i]);
        }
        return out;
    }
}
