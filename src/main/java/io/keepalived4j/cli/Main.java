package io.keepalived4j.cli;

import picocli.CommandLine;

/** Process entry point: {@code keepalived4j [options]} or {@code keepalived4j COMMAND ...}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit status (for tests). */
    public static int run(String... args) {
        CommandLine cmd = new CommandLine(new KeepalivedCommand());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionExceptionHandler((ex, line, parseResult) -> {
            // One place maps unexpected failures to a message; no stack trace for operators.
            line.getErr().println("keepalived4j: internal error: " + ex);
            return 1;
        });
        return cmd.execute(args);
    }
}
