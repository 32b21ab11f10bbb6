package dev.sidedoor.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.sidedoor.core.event.EventTimes;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.Severity;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The hunting view the seeds ask for ({@code sidedoor scan --group-by host,user,...}): one row per distinct
 * combination of the named fields, with how many findings it holds, its highest severity, when it was last and
 * first seen (in the table when the screen has room) and the rules that fired (jsonl). Rows are printed when the
 * scan ends, most frequent first, fitted to the screen like the findings table.
 */
final class GroupPrinter implements FindingPrinter {

    /** Finding fields by name; any other name is looked up in the finding's context (document, session_type...). */
    static final List<String> FIELDS = List.of("rule", "actor", "person", "target", "source_ip", "account",
            "region", "provider", "action", "service", "outcome", "severity", "user_agent", "baseline",
            "host", "user", "file", "parent", "platform");

    private final List<String> fields;
    private final boolean json;
    private final PrintStream out;
    private final int width;
    private final Map<List<String>, Group> groups = new HashMap<>();

    private static final class Group {
        long count;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        String firstText;
        String lastText;
        Severity max = Severity.INFORMATIONAL;
        final TreeSet<String> rules = new TreeSet<>();
    }

    GroupPrinter(List<String> fields, boolean json, PrintStream out, int width) {
        this.fields = List.copyOf(fields);
        this.json = json;
        this.out = out;
        this.width = width;
    }

    /** The names in {@code spec} ("host,user"), checked: letters, digits and underscores only. */
    static List<String> parse(String spec) {
        List<String> names = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String name = raw.strip().toLowerCase(Locale.ROOT);
            if (!name.matches("[a-z][a-z0-9_]{0,63}")) {
                throw new IllegalArgumentException("--group-by: '" + Terminal.clean(raw.strip()) + "' is not a field "
                        + "name; use " + String.join(", ", FIELDS) + " or a context key such as document");
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    static String value(Finding f, String field) {
        String v = switch (field) {
            case "rule" -> f.rule() == null ? null : f.rule().name();
            case "actor" -> f.actor();
            case "person" -> f.baseline() == null ? null : f.baseline().person();
            case "target" -> f.target();
            case "source_ip" -> f.sourceIp();
            case "account" -> f.account();
            case "region" -> f.region();
            case "provider" -> f.provider();
            case "action" -> f.event() == null ? null : f.event().action();
            case "service" -> f.event() == null ? null : f.event().service();
            case "outcome" -> f.event() == null ? null : f.event().outcome();
            case "severity" -> f.severity() == null ? null : f.severity().label();
            case "user_agent" -> f.userAgent();
            case "baseline" -> f.baseline() == null ? null : f.baseline().state();
            // The seeds' hunting names for endpoint findings (ComputerName, UserName, FileName, ParentProcess,
            // CloudPlatform), which sidedoor keeps as the finding's target, actor and context.
            case "host" -> f.target();
            case "user" -> f.actor();
            case "file" -> fileName(f.context().get("image"));
            case "parent" -> fileName(f.context().get("parent_image"));
            case "platform" -> f.context().get("cloud_platform");
            default -> f.context().get(field);
        };
        return v == null ? "-" : v;
    }

    /** The last path element, whichever separator the host uses. */
    private static String fileName(String path) {
        if (path == null) {
            return null;
        }
        return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    }

    @Override
    public void print(Finding f) {
        List<String> key = new ArrayList<>(fields.size());
        for (String field : fields) {
            key.add(value(f, field));
        }
        Group g = groups.computeIfAbsent(key, k -> new Group());
        g.count++;
        String time = f.event() == null ? null : f.event().time();
        long at = time == null ? -1 : EventTimes.epochMillis(time);
        if (at >= 0 && at < g.first) {
            g.first = at;
            g.firstText = time;
        }
        if (at >= 0 && at > g.last) {
            g.last = at;
            g.lastText = time;
        }
        if (f.severity() != null && f.severity().compareTo(g.max) > 0) {
            g.max = f.severity();
        }
        if (f.rule() != null) {
            g.rules.add(f.rule().name());
        }
    }

    @Override
    public void finish() {
        List<Map.Entry<List<String>, Group>> rows = new ArrayList<>(groups.entrySet());
        rows.sort(Comparator.comparing((Map.Entry<List<String>, Group> e) -> -e.getValue().count)
                .thenComparing(e -> String.join("\u0000", e.getKey())));
        if (json) {
            printJson(rows);
        } else {
            printTable(rows);
        }
    }

    private void printJson(List<Map.Entry<List<String>, Group>> rows) {
        try {
            JsonGenerator g = new JsonFactory().createGenerator(out);
            g.setRootValueSeparator(new SerializedString("\n"));
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());
            for (Map.Entry<List<String>, Group> row : rows) {
                Group v = row.getValue();
                g.writeStartObject();
                g.writeObjectFieldStart("group");
                for (int i = 0; i < fields.size(); i++) {
                    g.writeStringField(fields.get(i), row.getKey().get(i));
                }
                g.writeEndObject();
                g.writeNumberField("count", v.count);
                g.writeStringField("first_seen", v.firstText);
                g.writeStringField("last_seen", v.lastText);
                g.writeStringField("max_severity", v.max.label());
                g.writeArrayFieldStart("rules");
                for (String r : v.rules) {
                    g.writeString(r);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            if (!rows.isEmpty()) {
                g.writeRaw('\n');
            }
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Grouped fields give way first to the time columns, which only show on wider screens. */
    static final int LAST_SEEN_FROM = 100;
    static final int FIRST_SEEN_FROM = 140;
    private static final int FIELD_LEAST = 8;
    private static final int FIELD_MOST = 60;
    private static final int COMFORTABLE = 16;

    private void printTable(List<Map.Entry<List<String>, Group>> rows) {
        List<String> header = new ArrayList<>();
        for (String f : fields) {
            header.add(f.toUpperCase(Locale.ROOT));
        }
        header.add("COUNT");
        header.add("MAX SEVERITY");
        boolean last = width >= LAST_SEEN_FROM;
        boolean first = width >= FIRST_SEEN_FROM;
        if (last) {
            header.add("LAST SEEN");
        }
        if (first) {
            header.add("FIRST SEEN");
        }
        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        for (Map.Entry<List<String>, Group> row : rows) {
            List<String> line = new ArrayList<>();
            for (String v : row.getKey()) {
                line.add(Terminal.clean(Shorten.target(Shorten.actor(v)), 1000));
            }
            Group v = row.getValue();
            line.add(Long.toString(v.count));
            line.add(v.max.label());
            if (last) {
                line.add(seconds(v.lastText));
            }
            if (first) {
                line.add(seconds(v.firstText));
            }
            lines.add(line);
        }
        int n = header.size();
        int[] w = new int[n];
        int[] least = new int[n];
        int[] weight = new int[n];
        for (List<String> line : lines) {
            for (int i = 0; i < n; i++) {
                w[i] = Math.max(w[i], Shorten.columns(line.get(i)));
            }
        }
        for (int i = 0; i < fields.size(); i++) {
            w[i] = Math.max(FIELD_LEAST, Math.min(FIELD_MOST, w[i]));
            least[i] = FIELD_LEAST;
            weight[i] = 1;
        }
        int room = width - 2 * (n - 1);
        int used = java.util.Arrays.stream(w).sum();
        used = ColumnFit.shrink(w, least, weight, used, room, COMFORTABLE);
        ColumnFit.shrink(w, least, weight, used, room, 0);
        for (int r = 0; r < lines.size(); r++) {
            List<String> line = lines.get(r);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                String cell = r == 0 || i >= fields.size() ? Shorten.fitHead(line.get(i), w[i])
                        : fit(fields.get(i), line.get(i), w[i]);
                int pad = w[i] - Shorten.columns(cell);
                boolean number = i == fields.size();
                b.append(number ? " ".repeat(pad) + cell : cell + (i == n - 1 ? "" : " ".repeat(pad)));
                if (i < n - 1) {
                    b.append("  ");
                }
            }
            out.println(Shorten.head(b.toString().stripTrailing(), width));
        }
    }

    /** The telling end of each kind of value: the user of an ARN, the last segments of a path. */
    private static String fit(String field, String value, int w) {
        return switch (field) {
            case "actor", "user", "person" -> Shorten.fitActor(value, w);
            // A host name's start names it (NWL-WS-0142.corp...); a resource path's end does.
            case "host" -> value.indexOf('/') >= 0 ? Shorten.fitTail(value, w) : Shorten.fitHead(value, w);
            case "target", "action" -> Shorten.fitPath(value, w);
            default -> Shorten.fitMiddle(value, w);
        };
    }

    /** Seconds are enough in a table; the JSON keeps the time as logged. */
    private static String seconds(String t) {
        if (t == null) {
            return "-";
        }
        String clean = Terminal.clean(t);
        return clean.length() < 19 ? clean : clean.substring(0, 19).replace(' ', 'T') + "Z";
    }
}
