package io.coffer.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;

/**
 * A progress bar on the terminal for long transfers, redrawn at most a few times a second. Silent
 * when the output is not a terminal, so scripts and logs get clean output.
 */
final class Progress {

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final boolean enabled;
    private long lastDraw;

    Progress(PrintWriter err, String label, long total, boolean enabled) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.enabled = enabled;
    }

    /**
     * Whether standard output is a terminal. Java 22 and later return a console even when output is
     * redirected and tell the difference with {@code Console.isTerminal()}, which a Java 21 build
     * cannot name directly; Java 21 returns no console when redirected.
     */
    static boolean onTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJava) {
            return true;
        }
    }

    void update(long done) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        int width = 30;
        int filled = total <= 0 ? width : (int) (width * Math.min(1.0, (double) done / total));
        err.printf("\r%-10s [%s%s] %5.1f%% %s", label, "#".repeat(filled), " ".repeat(width - filled),
                total <= 0 ? 100.0 : 100.0 * done / total, human(done));
        err.flush();
    }

    void finish() {
        if (enabled) {
            update(total);
            err.println();
        }
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** Wraps a stream so that reading it advances this bar. */
    InputStream track(InputStream in) {
        return new FilterInputStream(in) {
            private long done;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    update(++done);
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    done += n;
                    update(done);
                }
                return n;
            }
        };
    }
}
