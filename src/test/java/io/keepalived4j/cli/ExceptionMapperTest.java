package io.keepalived4j.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

import static org.assertj.core.api.Assertions.assertThat;

class ExceptionMapperTest {

    @Test
    void internalErrorIsOneLineWithExitOne() {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new KeepalivedCommand());
        cmd.setErr(new PrintWriter(err));

        int status = ExceptionMapper.handle(new IllegalStateException("broken\ninvariant"), cmd, null);

        assertThat(status).isEqualTo(1);
        assertThat(err.toString().strip())
                .isEqualTo("keepalived4j: internal error: java.lang.IllegalStateException: broken invariant"
                        + " (this is a bug in keepalived4j; please report it)");
    }

    @Test
    void missingFileNamesTheFile() {
        assertThat(ExceptionMapper.describe(new UncheckedIOException(new NoSuchFileException("/x/y.log"))))
                .isEqualTo("no such file or directory: /x/y.log");
    }

    @Test
    void otherIoErrorsKeepTheirMessage() {
        assertThat(ExceptionMapper.describe(new IOException("disk full"))).isEqualTo("I/O error: disk full");
    }
}
