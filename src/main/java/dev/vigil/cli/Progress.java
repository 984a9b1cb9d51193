package dev.vigil.cli;

import java.io.PrintWriter;

/** A one-line progress bar on standard error, redrawn in place. */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final int total;
    private int done;

    Progress(PrintWriter err, String label, int total) {
        this.err = err;
        this.label = label;
        this.total = Math.max(1, total);
        draw(0);
    }

    void step(long accepted) {
        done++;
        draw(accepted);
    }

    void done() {
        err.println();
        err.flush();
    }

    private void draw(long accepted) {
        int filled = done * WIDTH / total;
        err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + (done * 100 / total) + "% " + label
                + " (" + accepted + " accepted)");
        err.flush();
    }
}
