package dev.sidedoor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /** What the plan asks of a size: at least this much, or not. */
    private static boolean atLeast(String[] args, long threshold) {
        return ScanSize.upTo(args, threshold) >= threshold;
    }

    @Test
    void filesAndFoldersAddUpAcrossArguments() throws Exception {
        file("a/one.json", 600);
        file("a/deep/two.json", 300);
        Path three = file("three.json", 200);
        String a = tmp.resolve("a").toString();
        assertTrue(atLeast(new String[] {"scan", a, three.toString()}, 1_100));
        assertFalse(atLeast(new String[] {"scan", a, three.toString()}, 1_101));
        assertFalse(atLeast(new String[] {"scan", a}, 901));
    }

    @Test
    void gzipCountsAsWhatItHolds() throws Exception {
        Path gz = file("log.json.gz", 100);
        assertTrue(atLeast(new String[] {"scan", gz.toString()}, 1_000));
        assertFalse(atLeast(new String[] {"scan", gz.toString()}, 1_001));
    }

    @Test
    void standardInputMayBeLarge() {
        assertTrue(atLeast(new String[] {"scan", "--format", "jsonl", "-"}, Long.MAX_VALUE));
    }

    @Test
    void optionsMissingPathsAndBadNamesCountNothing() throws Exception {
        file("x.json", 500);
        assertFalse(atLeast(new String[] {"scan", "--format", "jsonl", "--threads=2",
            tmp.resolve("missing").toString(), "", "bad\0name"}, 1));
    }

    @Test
    void upToCountsUntilTheCapAndStandardInputReachesIt() throws Exception {
        String a = file("a.json", 600).toString();
        String b = file("b.json", 600).toString();
        assertEquals(1_200, ScanSize.upTo(new String[] {"scan", a, b}, 10_000));
        assertTrue(ScanSize.upTo(new String[] {"scan", a, b}, 500) >= 500);
        assertEquals(10_000, ScanSize.upTo(new String[] {"scan", a, "-"}, 10_000));
        assertEquals(0, ScanSize.upTo(new String[] {"scan", "--format", "jsonl"}, 10_000));
    }

    @Test
    void aWalkOfTooManyEntriesAnswersTheCap() throws Exception {
        for (int i = 0; i < 5; i++) {
            file("many/f" + i + ".json", 10);
        }
        String many = tmp.resolve("many").toString();
        assertEquals(50, ScanSize.upTo(new String[] {"scan", many}, 1_000, 100));
        assertEquals(1_000, ScanSize.upTo(new String[] {"scan", many}, 1_000, 3));
    }
}
