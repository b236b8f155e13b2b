package io.keepalived4j.config.compat;

import io.keepalived4j.testsupport.ExecResult;
import io.keepalived4j.testsupport.NetNs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@link ConfigTestBatch} in a namespace and returns each file's exit code and messages. */
final class ConfigTestRunner {

    /** Our verdict on one file. */
    record Verdict(int exitCode, String messages) {
    }

    private ConfigTestRunner() {
    }

    /** @param files file -> extra arguments (e.g. "-i high"), in order */
    static Map<String, Verdict> run(NetNs ns, Map<Path, String> files) {
        try {
            Path list = Files.createTempFile("k4j-batch", ".tsv");
            try {
                StringBuilder sb = new StringBuilder();
                files.forEach((f, a) -> sb.append(f.toAbsolutePath()).append('\t').append(a).append('\n'));
                Files.writeString(list, sb);
                String java = ProcessHandle.current().info().command().orElse("java");
                ExecResult r = ns.exec(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                        "-Xss8m", "-cp", System.getProperty("java.class.path"), ConfigTestBatch.class.getName(),
                        list.toString()), Duration.ofMinutes(5));
                assertThat(r.timedOut()).as("batch -t run").isFalse();
                assertThat(r.exitCode()).as("batch runner: " + r.stderr()).isZero();
                return parse(r.stdout());
            } finally {
                Files.deleteIfExists(list);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Verdict> parse(String out) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        String file = null;
        int code = -1;
        StringBuilder messages = new StringBuilder();
        for (String line : out.lines().toList()) {
            if (line.startsWith("EXIT\t")) {
                if (file != null) {
                    verdicts.put(file, new Verdict(code, messages.toString()));
                }
                String[] p = line.split("\t", 3);
                code = Integer.parseInt(p[1]);
                file = p[2];
                messages.setLength(0);
            } else if (line.startsWith("|")) {
                messages.append(line, 1, line.length()).append('\n');
            }
        }
        if (file != null) {
            verdicts.put(file, new Verdict(code, messages.toString()));
        }
        return verdicts;
    }
}
