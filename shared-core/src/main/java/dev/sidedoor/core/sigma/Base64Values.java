package dev.sidedoor.core.sigma;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The {@code base64} / {@code base64offset} transforms, after an optional UTF-16 encoding (as pySigma does). */
final class Base64Values {

    /** Characters to drop from the front of the offset-1 and offset-2 encodings: they encode the padding spaces. */
    private static final int[] START_CUT = {0, 2, 3};
    /** Characters to drop from the end, by (byte length + offset) mod 3: the last group depends on what follows. */
    private static final int[] END_CUT = {0, 3, 2};

    private Base64Values() {
    }

    static byte[] bytes(String value, Modifiers.Encoding encoding) {
        return switch (encoding) {
            case NONE -> value.getBytes(StandardCharsets.UTF_8);
            case UTF16LE -> value.getBytes(StandardCharsets.UTF_16LE);
            case UTF16BE -> value.getBytes(StandardCharsets.UTF_16BE);
            case UTF16 -> {
                // Python's "utf-16" codec (which pySigma uses) writes a little-endian BOM and little-endian units.
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(0xFF);
                out.write(0xFE);
                out.writeBytes(value.getBytes(StandardCharsets.UTF_16LE));
                yield out.toByteArray();
            }
        };
    }

    static String plain(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * The three fragments that appear in any base64 text containing {@code bytes}, whatever their position modulo
     * three: encode with 0, 1 and 2 leading spaces and cut off the characters that depend on the neighbours.
     * A fragment that comes out empty (a one-byte value at some alignment) is left out: pySigma keeps it, and an
     * empty "contains" would match every record.
     */
    static List<String> offsets(byte[] bytes) {
        List<String> out = new ArrayList<>(3);
        for (int i = 0; i < 3; i++) {
            byte[] shifted = new byte[i + bytes.length];
            for (int j = 0; j < i; j++) {
                shifted[j] = ' ';
            }
            System.arraycopy(bytes, 0, shifted, i, bytes.length);
            String b64 = Base64.getEncoder().encodeToString(shifted);
            int end = b64.length() - END_CUT[(bytes.length + i) % 3];
            int start = START_CUT[i];
            if (start < end) {
                out.add(b64.substring(start, end));
            }
        }
        return out;
    }
}
