package dev.sidedoor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a file input says of its length before it is read: the reader spares short inputs its long-string scan. */
class KnownLengthTest {

    @TempDir
    Path dir;

    @Test
    void aPlainFileIsItsSizeAGzipFileItsInflatedSize() throws IOException {
        byte[] text = "{\"Records\":[{\"eventVersion\":\"1.08\"}]}\n".repeat(5000).getBytes(StandardCharsets.UTF_8);
        Path plain = Files.write(dir.resolve("a.json"), text);
        assertEquals(text.length, new Inputs.FileInput(plain).knownLength());
        Path gz = dir.resolve("a.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(text);
        }
        assertEquals(text.length, new Inputs.FileInput(gz).knownLength());
        assertEquals(-1, new Inputs.FileInput(dir).knownLength(), "a directory");
        assertEquals(-1, new Inputs.FileInput(dir.resolve("missing")).knownLength());
        Path cut = Files.write(dir.resolve("cut.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0});
        assertEquals(-1, new Inputs.FileInput(cut).knownLength(), "too short to have a trailer");
        assertEquals(-1, new Inputs.StdIn().knownLength());
    }
}
