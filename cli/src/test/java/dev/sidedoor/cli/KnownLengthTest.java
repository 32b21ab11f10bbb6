package dev.sidedoor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file is read up to its size at open, which the reader is told; what is appended meanwhile is said, not read. */
class KnownLengthTest {

    @TempDir
    Path dir;

    @Test
    void aRegularFileIsItsSizeAnythingElseUnknown() throws IOException {
        byte[] text = "{\"Records\":[{\"eventVersion\":\"1.08\"}]}\n".getBytes(StandardCharsets.UTF_8);
        Path plain = Files.write(dir.resolve("a.json"), text);
        assertEquals(text.length, new Inputs.FileInput(plain).knownLength());
        assertEquals(-1, new Inputs.FileInput(dir).knownLength(), "a directory");
        assertEquals(-1, new Inputs.FileInput(dir.resolve("missing")).knownLength());
        assertEquals(-1, new Inputs.StdIn().knownLength());
        assertEquals(-1, new Inputs.FileInput(Files.write(dir.resolve("empty.json"), new byte[0])).knownLength(),
                "a size of 0 is not trusted: it is what some file systems say of files that hold data");
    }

    @Test
    void upToStopsAtTheLengthItWasGivenAndTellsWhetherMoreFollowed() throws IOException {
        UpTo in = new UpTo(new ByteArrayInputStream("0123456789".getBytes(StandardCharsets.US_ASCII)), 4);
        assertEquals(false, in.moreBeyond(), "not read to its length yet");
        assertEquals("0123", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        assertEquals(-1, in.read());
        assertEquals(true, in.moreBeyond());
        UpTo exact = new UpTo(new ByteArrayInputStream(new byte[] {1, 2}), 2);
        exact.readAllBytes();
        assertEquals(false, exact.moreBeyond());
        InputStream one = new UpTo(new ByteArrayInputStream(new byte[] {1, 2, 3}), 2);
        assertEquals(1, one.read());
        assertEquals(2, one.read());
        assertEquals(-1, one.read());
    }

    @Test
    void aFileThatGrewWhileReadIsNamedWithWhatWasNotRead() throws IOException {
        Path f = Files.write(dir.resolve("live.jsonl"), "{}\n".getBytes(StandardCharsets.UTF_8));
        Inputs.FileInput input = new Inputs.FileInput(f);
        long known = input.knownLength();
        Files.write(f, "{\"more\":1}\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        String warning = ScanCommand.grew(input, known);
        assertTrue(warning.contains("grew while it was read: only its first 3 bytes were read, not the 11 bytes "
                + "added"), warning);
        assertTrue(ScanCommand.grew(input, input.knownLength()).contains("what it holds past its reported size"));
    }
}
