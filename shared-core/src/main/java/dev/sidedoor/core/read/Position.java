package dev.sidedoor.core.read;

/**
 * Where a record sits in its input, formatted only when a message needs it ("record 12 (line 40, column 3)
 * element 2"): most records never need their position spelled out.
 *
 * @param index   1-based record number in the input
 * @param line    1-based line, 0 when unknown
 * @param column  1-based column, 0 when unknown
 * @param element path of wrapper elements below the record ("element 2"), or empty
 */
public record Position(long index, long line, int column, String element) {

    /** The position of the {@code i}-th (1-based) element of a wrapper array inside this record. */
    public Position element(int i) {
        return new Position(index, line, column, element + " element " + i);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(32).append("record ").append(index);
        if (line > 0) {
            b.append(" (line ").append(line);
            if (column > 0) {
                b.append(", column ").append(column);
            }
            b.append(')');
        }
        return b.append(element).toString();
    }
}
