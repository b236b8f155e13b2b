package io.keepalived4j.cli;

import io.keepalived4j.config.Diagnostic;
import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.Severity;

import java.io.PrintWriter;

/** Prints diagnostics compiler-style and computes {@code -t}'s exit status. */
final class DiagnosticsPrinter {

    private DiagnosticsPrinter() {
    }

    static void print(Diagnostics diagnostics, PrintWriter out, boolean strict) {
        for (Diagnostic d : diagnostics.sorted()) {
            out.println(d.format());
        }
        if (diagnostics.dropped() > 0) {
            out.println("... and " + diagnostics.dropped() + " more diagnostics not shown");
        }
        long errors = diagnostics.count(Severity.ERROR);
        long warnings = diagnostics.count(Severity.WARNING);
        long notes = diagnostics.count(Severity.NOTE);
        if (errors + warnings + notes > 0) {
            out.println(errors + " error(s), " + warnings + " warning(s), " + notes + " note(s)"
                    + (strict ? " (--strict: warnings count as errors)" : ""));
        }
        out.flush();
    }

    /**
     * keepalived's exit status for the recorded status (0, 4, 5 or 6). With {@code --strict}, any
     * error or warning makes the run fail with at least 5; notes never change the status.
     */
    static int exitCode(Diagnostics diagnostics, boolean strict) {
        KaStatus status = diagnostics.status();
        int code = status.exitCode();
        if (strict && code == 0 && (diagnostics.count(Severity.ERROR) + diagnostics.count(Severity.WARNING)) > 0) {
            return KaStatus.GENERAL_ERROR.exitCode();
        }
        return code;
    }
}
