package dev.sidedoor.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanSizeTest {

    @TempDir
    Path tmp;

    private Path file(String name, int bytes) throws Exception {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[bytes]);
        return p;
    }

    @Test
    void filesAndFoldersAddUpAcrossArguments() throws Exception {
        file("a/one.json", 600);
        file("a/deep/two.json", 300);
        Path three = file("three.json", 200);
        String a = tmp.resolve("a").toString();
        assertTrue(ScanSize.atLeast(new String[] {"scan", a, three.toString()}, 1_100));
        assertFalse(ScanSize.atLeast(new String[] {"scan", a, three.toString()}, 1_101));
        assertFalse(ScanSize.atLeast(new String[] {"scan", a}, 901));
    }

    @Test
    void gzipCountsAsWhatItHolds() throws Exception {
        Path gz = file("log.json.gz", 100);
        assertTrue(ScanSize.atLeast(new String[] {"scan", gz.toString()}, 1_000));
        assertFalse(ScanSize.atLeast(new String[] {"scan", gz.toString()}, 1_001));
    }

    @Test
    void standardInputMayBeLarge() {
        assertTrue(ScanSize.atLeast(new String[] {"scan", "--format", "jsonl", "-"}, Long.MAX_VALUE));
    }

    @Test
    void optionsMissingPathsAndBadNamesCountNothing() throws Exception {
        file("x.json", 500);
        assertFalse(ScanSize.atLeast(new String[] {"scan", "--format", "jsonl", "--threads=2",
            tmp.resolve("missing").toString(), "", "bad\0name"}, 1));
    }
}
