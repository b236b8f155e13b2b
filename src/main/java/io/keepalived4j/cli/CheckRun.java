package io.keepalived4j.cli;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.ConfigLoader.LoadResult;
import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.Severity;
import io.keepalived4j.config.check.ConfigTest;
import io.keepalived4j.config.check.HostEnvironment;
import io.keepalived4j.config.crossnode.CrossNodeCheck;
import io.keepalived4j.config.crossnode.Finding;
import io.keepalived4j.config.crossnode.NodeFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads each file, runs the cross-node check over those that could be read, and computes the exit status. */
final class CheckRun {

    private final LoadOptions options;
    private final HostEnvironment host;
    private final boolean strict;

    private CheckRun(LoadOptions options, HostEnvironment host, boolean strict) {
        this.options = options;
        this.host = host;
        this.strict = strict;
    }

    /** Host checks (interfaces) only when asked: the files usually belong to other machines. */
    static CheckRun of(LoadOptions options, boolean hostChecks, boolean strict) {
        return new CheckRun(options, hostChecks ? HostEnvironment.system() : null, strict);
    }

    static CheckRun of(LoadOptions options, HostEnvironment host, boolean strict) {
        return new CheckRun(options, host, strict);
    }

    CheckReport check(List<Path> files) {
        List<CheckReport.FileReport> reports = new ArrayList<>();
        List<NodeFile> nodes = new ArrayList<>();
        int exit = 0;
        for (Path file : files) {
            LoadResult r = host == null ? ConfigLoader.load(file, options) : ConfigTest.run(file, options, host);
            int code = DiagnosticsPrinter.exitCode(r.diagnostics(), strict);
            exit = Math.max(exit, code);
            reports.add(new CheckReport.FileReport(file.toString(), code, r.diagnostics().sorted(), r.model()));
            // A missing or unreadable file has no instances: comparing it would only add noise.
            if (r.model() != null && Files.isRegularFile(file) && Files.isReadable(file)) {
                nodes.add(NodeFile.of(file.toString(), r.model(), r.tree()));
            }
        }
        List<Finding> findings = files.size() >= 2 ? CrossNodeCheck.run(nodes) : List.of();
        if (findings.stream().anyMatch(f -> counts(f.severity()))) {
            exit = Math.max(exit, KaStatus.GENERAL_ERROR.exitCode());
        }
        return new CheckReport(List.copyOf(reports), findings, exit);
    }

    private boolean counts(Severity s) {
        return s == Severity.ERROR || (strict && s == Severity.WARNING);
    }
}
