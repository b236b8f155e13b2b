package io.keepalived4j.testsupport.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Guard for lab tests that need external programs (keepalived, tcpdump, python3): skipped on a
 * developer machine without them, a failure on CI (env {@code CI=true}), where a skip would hide
 * that the interop tests never ran. Call after {@code Root.assumeRootOrFailOnCi()}.
 */
public final class LabTools {

    /** What the lab itself runs: iproute2, python3 for {@link LabHost#reaches}, tcpdump for captures. */
    public static final List<String> LAB = List.of("ip", "/usr/bin/python3", "tcpdump");

    private LabTools() {}

    /** Each entry is an absolute path or a name looked up on PATH. */
    public static void assumeInstalledOrFailOnCi(List<String> programs) {
        List<String> missing = new ArrayList<>();
        for (String program : programs) {
            if (!installed(program)) {
                missing.add(program);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("lab test cannot be skipped on CI: not installed: " + missing);
        }
        Assumptions.abort("not installed: " + missing);
    }

    private static boolean installed(String program) {
        if (program.startsWith("/")) {
            return Files.isExecutable(Path.of(program));
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
