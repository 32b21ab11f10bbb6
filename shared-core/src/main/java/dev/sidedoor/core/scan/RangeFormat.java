package dev.sidedoor.core.scan;

import java.nio.charset.StandardCharsets;

/**
 * How the ranges of one file are framed for the reader, and what proves that a range ended where it was cut.
 *
 * @param prefix       given to the reader before every range but the first (the file's own start is in the first)
 * @param sentinel     appended to every range but the last; the reader rejects it as one more record, so its position
 *                     gives the range's record and line totals
 * @param sentinelKind the rejection kind the sentinel must get, else the range did not end where it was cut
 * @param strict       any other rejection, a clipped value, or anything read leniently (a comment, a record only
 *                     Jackson accepts) gives the pass up: a range of a records array is only known to be read as
 *                     the whole file reads it while every element in it is plain JSON read cleanly
 */
record RangeFormat(byte[] prefix, byte[] sentinel, String sentinelKind, boolean strict) {

    /**
     * JSON Lines, cut at line starts: the reader restarts at every line in any case, so a range reads its lines as
     * the whole file does, broken ones included. The sentinel is the line "]".
     */
    static final RangeFormat JSON_LINES = new RangeFormat(new byte[0], ascii("]\n"), "malformed-json", false);

    /**
     * One {@code {"Records":[...]}} document, cut just before an element's opening brace. Each range after the first
     * is read as a document of its own; the sentinel {@code 1]}} closes the array with an element that is not an
     * object. The range before a cut, read from its own proven start, ends with exactly that rejected element only
     * if the cut is a true element boundary: cut inside a string or an element, the sentinel is swallowed by it.
     */
    static final RangeFormat RECORDS = new RangeFormat(ascii("{\"Records\":["), ascii("1]}"), "not-an-object", true);

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
