package dev.sidedoor.core.scan;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.read.Position;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves record and line numbers read in one range of a file to their place in the whole file: the records and
 * lines of the ranges before it are added.
 */
final class Renumber {

    /** {@link Position#toString()}: "record 12 (line 40, column 3) element 2", line and the rest optional. */
    private static final Pattern POSITION = Pattern.compile("record (\\d+)(?: \\(line (\\d+)((?:, column \\d+)?)\\))?(.*)",
            Pattern.DOTALL);

    private Renumber() {
    }

    /** {index, line} of a record position (line 0 when not given); null for "file", "input" and the like. */
    static long[] parse(String position) {
        Matcher m = POSITION.matcher(position);
        if (!m.matches()) {
            return null;
        }
        return new long[] {Long.parseLong(m.group(1)), m.group(2) == null ? 0 : Long.parseLong(m.group(2))};
    }

    /** The position text moved on; null when it names no record (the caller cannot place it). */
    static String shift(String position, long records, long lines) {
        Matcher m = POSITION.matcher(position);
        if (!m.matches()) {
            return null;
        }
        StringBuilder b = new StringBuilder(position.length() + 8).append("record ")
                .append(Long.parseLong(m.group(1)) + records);
        if (m.group(2) != null) {
            b.append(" (line ").append(Long.parseLong(m.group(2)) + lines).append(m.group(3)).append(')');
        }
        return b.append(m.group(4)).toString();
    }

    static Position shift(Position p, long records, long lines) {
        return new Position(p.index() + records, p.line() > 0 ? p.line() + lines : 0, p.column(), p.element());
    }

    static Finding shift(Finding f, long records, long lines) {
        Finding.Origin o = f.origin();
        if (o == null || (records == 0 && lines == 0)) {
            return f;
        }
        return f.withOrigin(new Finding.Origin(o.file(), o.record() + records, o.line() > 0 ? o.line() + lines : 0,
                o.element(), o.raw()));
    }
}
