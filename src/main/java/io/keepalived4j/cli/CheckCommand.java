package io.keepalived4j.cli;

import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.json.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code keepalived4j check A.conf [B.conf ...]}: each file's diagnostics (as {@code -t}), then,
 * with two or more files, the cross-node consistency check keepalived lacks.
 *
 * <pre>
 * keepalived4j check lb1/keepalived.conf lb2/keepalived.conf
 * keepalived4j check --json --host -i lb1 lb1.conf lb2.conf
 * </pre>
 *
 * Exit status: the highest per-file status (0, 4, 5 or 6, as {@code -t}), and at least 5 when a
 * cross-node finding is an error (or, with {@code --strict}, a warning).
 */
@Command(name = "check", sortOptions = false,
        description = "Check configuration files, one per node, and their consistency across nodes.")
public final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "keepalived.conf files, one per node")
    List<Path> files;

    @Option(names = "--json", description = "Print one JSON document: per-file diagnostics and models, cross-node findings")
    boolean json;

    @Option(names = {"-i", "--config-id"}, paramLabel = "ID", description = "Config id for '@' lines (default: short host name)")
    String configId;

    @Option(names = "--strict", description = "Treat warnings as errors")
    boolean strict;

    @Option(names = "--host", description = "Also check each file against this host (interfaces), as -t does")
    boolean host;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Display this help message")
    boolean help;

    @Override
    public Integer call() {
        LoadOptions options = LoadOptions.withConfigId(configId);
        CheckReport report = CheckRun.of(options, host, strict).check(files);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonWriter.write(report));
        } else {
            CheckReportPrinter.print(report, out, strict);
        }
        out.flush();
        return report.exitCode();
    }
}
