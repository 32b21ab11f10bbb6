package dev.sidedoor.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Bridges picocli's error writer to the PrintStream the scan reports to (tests capture the writer). */
final class WriterOutputStream extends OutputStream {
    private final PrintWriter writer;
    private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

    WriterOutputStream(PrintWriter writer) {
        this.writer = writer;
    }

    @Override
    public synchronized void write(int b) {
        pending.write(b);
        if (b == '\n') {
            flush();
        }
    }

    @Override
    public synchronized void flush() {
        writer.print(pending.toString(StandardCharsets.UTF_8));
        writer.flush();
        pending.reset();
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
