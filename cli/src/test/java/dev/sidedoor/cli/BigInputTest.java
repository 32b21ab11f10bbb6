package dev.sidedoor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A big JSON Lines file (read in ranges on two threads) and its .gz (inflated on one thread, scanned on the other)
 * print exactly what one thread prints: the same findings with the same origins, the same summary and errors.
 */
class BigInputTest {

    @TempDir
    static Path dir;
    static Path big;
    static Path bigGz;

    /** The example JSON Lines records, a run of filler between them, broken and blank lines and CRLF: ~70 MB. */
    @BeforeAll
    static void write() throws IOException {
        Path examples = Paths.get(System.getProperty("user.dir")).resolve("../examples").normalize();
        List<String> records = new ArrayList<>();
        for (String f : new String[] {"aws/eventbridge-cloudtrail-eu-west-1-20261118.jsonl",
            "gcp/cloudaudit-northwind-build-prod-20261118.jsonl"}) {
            for (String line : Files.readAllLines(examples.resolve(f))) {
                if (!line.isBlank()) {
                    records.add(line);
                }
            }
        }
        String filler = "{\"eventVersion\":\"1.08\",\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":"
                + "\"DescribeInstances\",\"eventTime\":\"2026-11-18T08:00:00Z\",\"awsRegion\":\"eu-west-1\","
                + "\"sourceIPAddress\":\"203.0.113.9\",\"eventID\":\"filler\",\"padding\":\"";
        java.util.Random random = new java.util.Random(15);
        big = dir.resolve("big.jsonl");
        bigGz = dir.resolve("big.jsonl.gz");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(big), 1 << 16);
             OutputStream gz = new GZIPOutputStream(Files.newOutputStream(bigGz), 1 << 16)) {
            long written = 0;
            for (int copy = 0; written < 70L << 20; copy++) {
                for (int j = 0; j < records.size(); j++) {
                    // Every other copy is new events (new ids); the others are duplicates that fold into the first.
                    String r = copy % 2 == 0 ? records.get(j) : records.get(j).replace("\"id\":\"", "\"id\":\"c" + copy)
                            .replace("\"eventID\":\"", "\"eventID\":\"c" + copy).replace("\"insertId\":\"",
                                    "\"insertId\":\"c" + copy);
                    StringBuilder b = new StringBuilder(r).append(j % 3 == 0 ? "\r\n" : "\n");
                    for (int k = 0; k < 40; k++) {
                        // random text, so that the .gz stays big enough to be inflated aside
                        b.append(filler).append(Long.toHexString(random.nextLong())).append(Long.toHexString(
                                random.nextLong())).append(Long.toHexString(random.nextLong())).append("\"}\n");
                    }
                    if (j % 7 == 0) {
                        b.append("{\"eventSource\":\"ssm.amazonaws.com\",\"eventName\":\"StartSess\n\n  \n");
                    }
                    byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
                    out.write(bytes);
                    gz.write(bytes);
                    written += bytes.length;
                }
            }
        }
    }

    /** Standard error without the timing, which differs run to run. */
    private static String summary(Cli run) {
        return run.err().replaceAll(" in [0-9.]+.s \\([0-9.]+.MB/s\\)", "");
    }

    private static void sameAsOneThread(Path... files) {
        List<String> args = new ArrayList<>(List.of("scan", "--format", "jsonl", "--no-baseline", "--threads", "1"));
        for (Path f : files) {
            args.add(f.toString());
        }
        Cli one = Cli.run(args.toArray(String[]::new));
        args.set(5, "2");
        Cli two = Cli.run(args.toArray(String[]::new));
        assertTrue(one.out().lines().count() > 20, one.err());
        assertTrue(one.err().contains("rejected records"), one.err());
        assertEquals(one.exit(), two.exit());
        assertEquals(summary(one), summary(two));
        assertEquals(one.out(), two.out());
    }

    @Test
    void aBigJsonLinesFileReadInRangesPrintsWhatOneThreadPrints() throws IOException {
        assertTrue(Files.size(big) >= dev.sidedoor.core.scan.SplitScan.MIN_FILE_BYTES);
        sameAsOneThread(big);
    }

    @Test
    void aBigGzipInflatedAsideScansAsOnOneThread() throws IOException {
        assertTrue(Files.size(bigGz) >= HelpedScan.PIPE_MIN_BYTES, "size " + Files.size(bigGz));
        sameAsOneThread(bigGz);
    }

    @Test
    void aCutGzipIsReadAgainAsOneThreadReadsIt() throws IOException {
        byte[] gz = Files.readAllBytes(bigGz);
        Path cut = dir.resolve("cut.jsonl.gz");
        Files.write(cut, java.util.Arrays.copyOf(gz, gz.length * 3 / 5));
        sameAsOneThread(cut);
    }

    @Test
    void bigAndSmallFilesTogetherPrintWhatOneThreadPrints() {
        // Helpers queue behind the files not yet started; the file's own thread reads what nobody took up.
        Path examples = Paths.get(System.getProperty("user.dir")).resolve("../examples").normalize();
        sameAsOneThread(examples.resolve("aws"), big, bigGz, examples.resolve("gcp"));
    }
}
