package dev.sidedoor.core.read;

/**
 * Bounds that keep hostile input from exhausting memory or time. Real audit records are far smaller: CloudTrail
 * caps an event at 256 KB, Azure and GCP at about the same.
 *
 * @param maxStringChars  longest string value kept inside a record: a longer one (a padded 10 MB user agent) is cut
 *                        to half this as it is read, never held whole, and the record is evaluated with a note naming
 *                        the field, so that padding cannot hide an otherwise valid record from the rules; findings
 *                        clip what they copy from it
 * @param maxNestingDepth deepest object/array nesting accepted
 * @param maxLineBytes    longest line accepted in JSON Lines input
 * @param maxEmbeddedChars longest embedded JSON text (lookup-events {@code CloudTrailEvent}) that is parsed
 */
record ReadLimits(int maxStringChars, int maxNestingDepth, int maxLineBytes, int maxEmbeddedChars) {

    public static final ReadLimits DEFAULT = new ReadLimits(8 << 20, 200, 8 << 20, 1_000_000);
}
