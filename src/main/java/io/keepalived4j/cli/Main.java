package io.keepalived4j.cli;

import picocli.CommandLine;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/** Process entry point: {@code keepalived4j [options]} or {@code keepalived4j COMMAND ...}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args);
        io.keepalived4j.daemon.DaemonRunner.exitWatchdog(status);
        System.exit(status);
    }

    /** Runs the command line on the process's stdout and stderr and returns the exit status. */
    public static int run(String... args) {
        Charset cs = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, cs), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, cs), true);
        return run(out, err, args);
    }

    /**
     * Runs the command line with the given output streams and returns the exit status: keepalived's
     * 0/4/5/6 for {@code -t} and {@code check}, 2 for bad usage (picocli's message and the usage),
     * 1 for an unexpected failure (one line, no stack trace).
     *
     * <pre>{@code
     * StringWriter out = new StringWriter(), err = new StringWriter();
     * int status = Main.run(new PrintWriter(out), new PrintWriter(err), "-t", "-f", "keepalived.conf");
     * }</pre>
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = new CommandLine(new KeepalivedCommand());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler(ExceptionMapper::handle);
        // genhash reads its arguments as getopt_long does, "--" included (GenhashOptions).
        cmd.getSubcommands().get("genhash").setEndOfOptionsDelimiter("\0");
        try {
            return cmd.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
