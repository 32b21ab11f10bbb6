package dev.sidedoor.core.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected fragments were computed with pySigma's algorithm, so rules behave here as in pySigma backends. */
class Base64ValuesTest {

    @Test
    void offsetsMatchPySigma() {
        assertEquals(List.of("SW52b2tlLU1pbWlrYXR6", "ludm9rZS1NaW1pa2F0e", "JbnZva2UtTWltaWthdH"),
                Base64Values.offsets("Invoke-Mimikatz".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("dwBoAG8AYQBtAGkA", "cAaABvAGEAbQBpA", "3AGgAbwBhAG0AaQ"),
                Base64Values.offsets(Base64Values.bytes("whoami", Modifiers.Encoding.UTF16LE)));
        assertEquals(List.of("YW", "Fi", "hY"), Base64Values.offsets("ab".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void emptyFragmentsAreDropped() {
        assertEquals(List.of("Y", "h"), Base64Values.offsets("a".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void utf16WithBom() {
        assertEquals(List.of(0xFF, 0xFE, (int) 'l', 0, (int) 's', 0), toList(Base64Values.bytes("ls", Modifiers.Encoding.UTF16)));
        assertEquals(List.of(0, (int) 'l', 0, (int) 's'), toList(Base64Values.bytes("ls", Modifiers.Encoding.UTF16BE)));
    }

    private static List<Integer> toList(byte[] b) {
        Integer[] out = new Integer[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xFF;
        }
        return List.of(out);
    }
}
