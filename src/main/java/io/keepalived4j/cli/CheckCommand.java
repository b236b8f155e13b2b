package io.keepalived4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code keepalived4j check A.conf [B.conf ...]}: per-file diagnostics and cross-node consistency. */
@Command(name = "check", description = "Check configuration files, and their consistency across nodes.")
public final class CheckCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "keepalived.conf files, one per node")
    List<Path> files;

    @Option(names = "--json", description = "Print the resolved model and diagnostics as JSON")
    boolean json;

    @Option(names = {"-i", "--config-id"}, paramLabel = "ID", description = "Config id for '@' lines")
    String configId;

    @Option(names = "--strict", description = "Treat warnings as errors")
    boolean strict;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("check: being written");
    }
}
