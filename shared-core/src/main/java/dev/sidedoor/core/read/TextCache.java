package dev.sidedoor.core.read;

import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decoded top-level strings by their bytes, for one reader: the values screenings read (eventSource, eventName,
 * operationName, category) come from a small set and repeat on almost every record, so each is decoded once
 * rather than once per record. Direct-mapped: a colliding value replaces the one before. Not thread-safe.
 */
final class TextCache {

    private static final int SIZE = 256;
    /** Longer values are rarely repeated (times, ids): decoded each time rather than churning the table. */
    private static final int MAX_BYTES = 96;

    private final byte[][] keys = new byte[SIZE][];
    private final TextNode[] values = new TextNode[SIZE];

    /** The text of {@code b[from, to)}, decoded as UTF-8 (leniently; Jackson validates it if the record is built). */
    TextNode node(byte[] b, int from, int to) {
        int len = to - from;
        if (len > MAX_BYTES) {
            return TextNode.valueOf(new String(b, from, len, StandardCharsets.UTF_8));
        }
        int h = len;
        for (int k = from; k < to; k++) {
            h = 31 * h + b[k];
        }
        int i = (h ^ (h >>> 16)) & (SIZE - 1);
        byte[] k = keys[i];
        if (k != null && Arrays.equals(k, 0, k.length, b, from, to)) {
            return values[i];
        }
        TextNode n = TextNode.valueOf(new String(b, from, len, StandardCharsets.UTF_8));
        keys[i] = Arrays.copyOfRange(b, from, to);
        values[i] = n;
        return n;
    }
}
