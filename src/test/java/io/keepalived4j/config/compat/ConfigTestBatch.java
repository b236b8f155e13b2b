package io.keepalived4j.config.compat;

import io.keepalived4j.cli.Main;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs our {@code -t} on many files in one JVM, for the compatibility tests: they start this
 * inside a network namespace (so the interface checks see eth0..eth3), which costs one JVM start
 * instead of one per file.
 *
 * <p>Input: a file whose lines are {@code FILE<TAB>EXTRA ARGS}. Output: one line per file,
 * {@code EXIT<TAB>code<TAB>FILE}, followed by the file's stderr lines prefixed with {@code |}.
 */
public final class ConfigTestBatch {

    private ConfigTestBatch() {
    }

    public static void main(String[] args) throws Exception {
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\t", -1);
            List<String> argv = new ArrayList<>();
            if (parts.length > 1 && !parts[1].isBlank()) {
                argv.addAll(Arrays.asList(parts[1].trim().split("\\s+")));
            }
            argv.addAll(List.of("-t", "-f", parts[0]));
            StringWriter err = new StringWriter();
            int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), argv.toArray(String[]::new));
            System.out.println("EXIT\t" + code + "\t" + parts[0]);
            err.toString().lines().forEach(l -> System.out.println("|" + l));
        }
    }
}
