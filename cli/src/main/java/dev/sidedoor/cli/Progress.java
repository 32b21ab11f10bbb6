package dev.sidedoor.cli;

import java.io.PrintStream;

/** A progress line on stderr for long scans, only when stderr is a terminal. */
final class Progress {

    private static final long FIRST_AFTER_MS = 2000;
    private static final long EVERY_MS = 500;

    private final Thread thread;
    private final PrintStream err;
    private volatile boolean stopped;

    private Progress(Thread thread, PrintStream err) {
        this.thread = thread;
        this.err = err;
    }

    static Progress startIfTerminal(PrintStream err, ScanCommand.Summary summary) {
        if (!Terminal.stderrIsTerminal()) {
            return new Progress(null, err);
        }
        Progress[] self = new Progress[1];
        long start = System.nanoTime();
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(FIRST_AFTER_MS);
                while (!self[0].stopped) {
                    double secs = (System.nanoTime() - start) / 1e9;
                    double mb = summary.bytesRead.get() / 1e6;
                    err.printf(java.util.Locale.US, "\rsidedoor: %.0f MB read, %.1f MB/s ...", mb, mb / secs);
                    err.flush();
                    Thread.sleep(EVERY_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sidedoor-progress");
        t.setDaemon(true);
        self[0] = new Progress(t, err);
        t.start();
        return self[0];
    }

    void stop() {
        if (thread == null || stopped) {
            return;
        }
        stopped = true;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.print("\r\033[K");
    }
}
