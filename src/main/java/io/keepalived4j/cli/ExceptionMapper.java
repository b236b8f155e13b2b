package io.keepalived4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * The one place that turns an exception escaping a command into what the operator sees: a single
 * line on stderr and exit status 1, never a stack trace. Bad usage does not come here: picocli
 * reports it with its own message, the usage, and exit status 2.
 */
final class ExceptionMapper {

    static final int EXIT_FAILURE = 1;

    private ExceptionMapper() {
    }

    static int handle(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        err.println("keepalived4j: " + describe(ex));
        err.flush();
        return EXIT_FAILURE;
    }

    /** One line: I/O problems as the operator can fix them, anything else as our bug. */
    static String describe(Throwable ex) {
        Throwable t = ex instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : ex;
        return switch (t) {
            case NoSuchFileException e -> "no such file or directory: " + e.getFile();
            case AccessDeniedException e -> "permission denied: " + e.getFile();
            case FileSystemException e -> e.getFile() + ": " + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason());
            case IOException e -> "I/O error: " + oneLine(e.getMessage(), e);
            default -> "internal error: " + t.getClass().getName() + (t.getMessage() == null ? "" : ": " + oneLine(t.getMessage(), t))
                    + " (this is a bug in keepalived4j; please report it)";
        };
    }

    private static String oneLine(String message, Throwable t) {
        String m = message == null ? t.getClass().getSimpleName() : message;
        return m.replace('\n', ' ').replace('\r', ' ');
    }
}
