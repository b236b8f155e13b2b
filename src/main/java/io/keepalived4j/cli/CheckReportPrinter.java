package io.keepalived4j.cli;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.Severity;
import io.keepalived4j.config.crossnode.Finding;

import java.io.PrintWriter;
import java.util.List;

/** Human-readable output of {@code check}: per-file diagnostics, then cross-node findings. */
final class CheckReportPrinter {

    private CheckReportPrinter() {
    }

    static void print(CheckReport report, PrintWriter out, boolean strict) {
        for (CheckReport.FileReport file : report.files()) {
            if (file.diagnostics().isEmpty()) {
                out.println(file.file() + ": ok");
                continue;
            }
            out.println(file.file() + ":");
            Diagnostics diagnostics = new Diagnostics();
            file.diagnostics().forEach(diagnostics::add);
            DiagnosticsPrinter.print(diagnostics, out, strict);
        }
        if (report.files().size() >= 2) {
            printCrossNode(report.crossNode(), report.files().size(), out, strict);
        }
        out.flush();
    }

    private static void printCrossNode(List<Finding> findings, int files, PrintWriter out, boolean strict) {
        if (findings.isEmpty()) {
            out.println("cross-node: " + files + " files consistent");
            return;
        }
        out.println("cross-node (" + files + " files):");
        for (Finding f : findings) {
            out.println(f.format());
        }
        out.println("cross-node: " + count(findings, Severity.ERROR) + " error(s), " + count(findings, Severity.WARNING)
                + " warning(s), " + count(findings, Severity.NOTE) + " note(s)"
                + (strict ? " (--strict: warnings count as errors)" : ""));
    }

    private static long count(List<Finding> findings, Severity s) {
        return findings.stream().filter(f -> f.severity() == s).count();
    }
}
