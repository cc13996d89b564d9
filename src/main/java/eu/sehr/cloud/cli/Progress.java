package eu.sehr.cloud.cli;

import java.io.PrintWriter;

/** A progress bar on a terminal; silent when the output is not one. */
final class Progress {

    private static final int WIDTH = 40;
    private final PrintWriter err;
    private final long total;
    private final boolean terminal = System.console() != null;
    private long done;

    Progress(PrintWriter err, long total) {
        this.err = err;
        this.total = Math.max(1, total);
    }

    void step() {
        at(done + 1);
    }

    void at(long value) {
        done = value;
        if (terminal) {
            int filled = (int) (WIDTH * Math.min(done, total) / total);
            err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total);
            err.flush();
        }
    }

    void done() {
        if (terminal) {
            at(total);
            err.println();
        }
    }
}
