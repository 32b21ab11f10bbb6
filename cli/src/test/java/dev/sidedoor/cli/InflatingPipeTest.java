package dev.sidedoor.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The inflated bytes are the same whichever thread inflates them, and a cut .gz fails as it would inline. */
class InflatingPipeTest {

    private static final byte[] TEXT = text();

    private static byte[] text() {
        Random r = new Random(7);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 60_000; i++) {
            b.append("{\"n\":").append(i).append(",\"v\":\"").append(Long.toHexString(r.nextLong())).append("\"}\n");
        }
        return b.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[5000]; // reads of odd sizes, across chunk edges
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** Runs the helper on its own thread once the pipe exists, and says when it has offered to take over. */
    private static final class HelperThread implements Executor {
        final CountDownLatch started = new CountDownLatch(1);

        @Override
        public void execute(Runnable task) {
            Thread t = new Thread(() -> {
                started.countDown();
                task.run();
            });
            t.setDaemon(true);
            t.start();
        }
    }

    @Test
    void inflatedOnTheHelperThreadTheBytesAreTheSame() throws Exception {
        HelperThread helper = new HelperThread();
        GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(gzip(TEXT)));
        byte[] prefix = gz.readNBytes(2);
        try (InflatingPipe pipe = new InflatingPipe(gz, prefix, helper)) {
            helper.started.await();
            assertArrayEquals(TEXT, readAll(pipe));
            assertTrue(!pipe.failed());
        }
    }

    @Test
    void withNoFreeThreadTheReaderInflatesItself() throws IOException {
        GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(gzip(TEXT)));
        byte[] prefix = gz.readNBytes(2);
        try (InflatingPipe pipe = new InflatingPipe(gz, prefix, task -> { })) {
            assertArrayEquals(TEXT, readAll(pipe));
        }
    }

    @Test
    void aCutGzipFailsWithTheInflatersOwnError() throws Exception {
        byte[] gz = gzip(TEXT);
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        HelperThread helper = new HelperThread();
        GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(cut));
        byte[] prefix = in.readNBytes(2);
        try (InflatingPipe pipe = new InflatingPipe(in, prefix, helper)) {
            helper.started.await();
            assertThrows(java.io.EOFException.class, () -> readAll(pipe));
            assertTrue(pipe.failed());
        }
    }
}
