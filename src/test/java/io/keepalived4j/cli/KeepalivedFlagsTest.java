package io.keepalived4j.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every keepalived flag is accepted in its short and its long form (ops.md section 3). */
class KeepalivedFlagsTest {

    @TempDir
    Path dir;

    /** flag, and its value ("" for none, "FILE" for a file in the temp dir). */
    static Stream<Arguments> flags() {
        return Stream.of(
                Arguments.of("-n", ""), Arguments.of("--dont-fork", ""),
                Arguments.of("-l", ""), Arguments.of("--log-console", ""),
                Arguments.of("-D", ""), Arguments.of("--log-detail", ""),
                Arguments.of("-S", "0"), Arguments.of("--log-facility", "7"),
                Arguments.of("-G", ""), Arguments.of("--no-syslog", ""),
                Arguments.of("-P", ""), Arguments.of("--vrrp", ""),
                Arguments.of("-C", ""), Arguments.of("--check", ""),
                Arguments.of("-p", "FILE"), Arguments.of("--pid", "FILE"),
                Arguments.of("-r", "FILE"), Arguments.of("--vrrp_pid", "FILE"),
                Arguments.of("-c", "FILE"), Arguments.of("--checkers_pid", "FILE"),
                Arguments.of("-i", "lb1"), Arguments.of("--config-id", "lb1"),
                Arguments.of("-d", ""), Arguments.of("--dump-conf", ""),
                Arguments.of("--strict", ""));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("flags")
    void flagIsAcceptedWithConfigTest(String flag, String value) {
        Path conf = Configs.write(dir, "keepalived.conf", Configs.GOOD);
        List<String> args = new ArrayList<>(List.of("-t", "-f", conf.toString(), flag));
        if (value.equals("FILE")) {
            args.add(dir.resolve("x.pid").toString());
        } else if (!value.isEmpty()) {
            args.add(value);
        }

        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertThat(run.status()).as(run.all()).isZero();
        assertThat(run.err()).doesNotContain("Unknown option", "Usage:");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configFileFlags")
    void configFileAndConfigTestFlagsHaveBothForms(List<String> args) {
        Path conf = Configs.write(dir, "keepalived.conf", Configs.GOOD);
        List<String> withFile = args.stream().map(a -> a.replace("FILE", conf.toString())).toList();

        CliRun run = CliRun.of(withFile.toArray(String[]::new));

        assertThat(run.status()).as(run.all()).isZero();
    }

    static Stream<List<String>> configFileFlags() {
        return Stream.of(
                List.of("-t", "-f", "FILE"),
                List.of("--config-test", "-f", "FILE"),
                List.of("-t", "--use-file", "FILE"),
                List.of("--config-test", "--use-file=FILE"),
                List.of("-t", "-fFILE"));
    }
}
