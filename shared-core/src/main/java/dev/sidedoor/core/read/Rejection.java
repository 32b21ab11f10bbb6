package dev.sidedoor.core.read;

/**
 * A piece of input that could not be read.
 *
 * @param source   the file (or "-" for standard input)
 * @param position which record and where, e.g. "record 3 (line 3, column 17)"
 * @param kind     a short stable reason class used for counting: malformed-json, too-large, too-deep, binary,
 *                 not-an-object, unreadable
 * @param detail   the reason in words
 */
public record Rejection(String source, String position, String kind, String detail) {

    public String message() {
        return source + ": " + position + ": " + detail;
    }
}
