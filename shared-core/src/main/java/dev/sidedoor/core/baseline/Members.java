package dev.sidedoor.core.baseline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The members of one key (a person's network blocks, the people behind an office block), each with the first and
 * last day it was seen. At most {@link BaselineStore#MAX_MEMBERS} are kept: the earliest seen, ties by name, so the
 * same members are kept whatever order the logs arrive in. Names are log text: the text form escapes them.
 */
public final class Members {

    private final Map<String, int[]> days = new LinkedHashMap<>();

    /** An empty set; made by the stores in this package (the state modules get theirs from {@link #decode}). */
    Members() {
    }

    /** Notes {@code member} on {@code day}; true when anything changed. */
    public boolean add(String member, int day) {
        int[] d = days.get(member);
        if (d != null) {
            boolean changed = day < d[0] || day > d[1];
            d[0] = Math.min(d[0], day);
            d[1] = Math.max(d[1], day);
            return changed;
        }
        if (days.size() >= BaselineStore.MAX_MEMBERS) {
            Map.Entry<String, int[]> latest = days.entrySet().stream().max(ORDER).orElseThrow();
            if (ORDER.compare(Map.entry(member, new int[] {day, day}), latest) >= 0) {
                return false;
            }
            days.remove(latest.getKey());
        }
        days.put(member, new int[] {day, day});
        return true;
    }

    private static final Comparator<Map.Entry<String, int[]>> ORDER =
            Comparator.comparingInt((Map.Entry<String, int[]> e) -> e.getValue()[0]).thenComparing(Map.Entry::getKey);

    /** Members first seen before {@code day} and still seen on or after {@code from}. */
    public int countBetween(int from, int day) {
        int n = 0;
        for (int[] d : days.values()) {
            if (d[0] < day && d[1] >= from) {
                n++;
            }
        }
        return n;
    }

    /** Drops members last seen before {@code floor}; true when anything changed. */
    public boolean evictBefore(int floor) {
        return days.values().removeIf(d -> d[1] < floor);
    }

    /** Each member with its first and last day. */
    public void forEach(java.util.function.BiConsumer<String, int[]> each) {
        days.forEach((m, d) -> each.accept(m, d.clone()));
    }

    public boolean isEmpty() {
        return days.isEmpty();
    }

    /** One line per member: escaped name, tab, first day, tab, last day. */
    public String encode() {
        List<String> lines = new ArrayList<>(days.size());
        days.forEach((m, d) -> lines.add(escape(m) + "\t" + d[0] + "\t" + d[1]));
        return String.join("\n", lines);
    }

    /** The members of {@link #encode()}'s text; a damaged line is skipped, never fatal. */
    public static Members decode(String text) {
        Members m = new Members();
        if (text == null || text.isEmpty()) {
            return m;
        }
        for (String line : text.split("\n")) {
            String[] parts = line.split("\t");
            if (parts.length != 3) {
                continue;
            }
            try {
                int first = Integer.parseInt(parts[1]);
                int last = Integer.parseInt(parts[2]);
                m.add(unescape(parts[0]), first);
                m.add(unescape(parts[0]), last);
            } catch (NumberFormatException damaged) {
                // skipped: the rest of the key still counts
            }
        }
        return m;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 'n' ? '\n' : n == 't' ? '\t' : n == 'r' ? '\r' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
