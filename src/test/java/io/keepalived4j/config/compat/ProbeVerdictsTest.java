package io.keepalived4j.config.compat;

import io.keepalived4j.testsupport.NetNs;
import io.keepalived4j.testsupport.Root;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe corpus (src/test/resources/probes, one small file per question about keepalived
 * 2.2.7's {@code -t}; expected.tsv records what 2.2.7 answered, see
 * docs/keepalived-2.2.7-config-test.md) gets the same exit codes from us. Where keepalived hangs or
 * crashes we must instead refuse the file cleanly (exit 4 or 5).
 */
class ProbeVerdictsTest {

    /** Probes where we deliberately answer differently, with the reason. */
    private static final Map<String, String> DELIBERATE_DIFFERENCES = Map.of(
            // keepalived 2.2.7 prints "Config files missing" and exits 0 when the -f file does not exist,
            // which makes "-t" useless as a pre-deployment gate. We exit 4 (FILE_NOT_FOUND), which is what
            // keepalived's own config_err_t means for it, and what 2.2.7 does with -e (probe 159).
            "005-nonexistent-file.conf", "a missing configuration file is fatal (exit 4)",
            // keepalived 2.2.7's -t kills itself with SIGTERM when it checks a script that runs as a
            // non-root user: check_script_secure() (lib/notify.c) compares getppid() with main_pid,
            // which -t never sets. The configuration is valid, and the daemon runs it; we say so (0).
            "261-script-user-nobody.conf", "a valid script_user is no reason to fail (exit 0)");

    @Test
    void everyProbeGetsKeepalivedsExitCode() throws IOException, URISyntaxException {
        Root.assumeRootOrFailOnCi();
        Path dir = Path.of(ProbeVerdictsTest.class.getResource("/probes/expected.tsv").toURI()).getParent();
        Map<Path, String> files = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("expected.tsv")).subList(1, Files.readAllLines(dir.resolve("expected.tsv")).size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] p = line.split("\t", -1);
            Path file = dir.resolve(p[0]).toAbsolutePath();
            files.put(file, p.length > 2 ? p[2] : "");
            expected.put(file.toString(), p[1]);
        }
        assertThat(files).hasSizeGreaterThan(50);
        worldWritableFixtures(dir, "rwxrwxrwx");
        Map<String, ConfigTestRunner.Verdict> ours;
        try (NetNs ns = NetNs.create("probes")) {
            ours = ConfigTestRunner.run(ns, files);
        } finally {
            // A world-writable file left in target/ makes the launcher refuse to run as root from this tree.
            worldWritableFixtures(dir, "rwxr-xr-x");
        }
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String name = Path.of(e.getKey()).getFileName().toString();
            ConfigTestRunner.Verdict v = ours.get(e.getKey());
            assertThat(v).as("our verdict on " + name).isNotNull();
            boolean ok = switch (e.getValue()) {
                case "hang", "segv" -> v.exitCode() == 4 || v.exitCode() == 5;
                default -> e.getValue().matches("\\d+") && v.exitCode() == Integer.parseInt(e.getValue());
            };
            if (!ok && !DELIBERATE_DIFFERENCES.containsKey(name)) {
                mismatches.add(name + ": keepalived 2.2.7 " + e.getValue() + ", we exit " + v.exitCode() + "\n"
                        + v.messages().indent(4));
            }
        }
        assertThat(mismatches).as("probes whose -t verdict differs from keepalived 2.2.7").isEmpty();
    }

    /**
     * Probes that need an insecure script name {@code ${_PWD}/NAME-world-writable.sh}; git and the
     * resource copy cannot keep that mode, so it is set here for the run (as run-probes.sh does) and
     * put back after it.
     */
    private static void worldWritableFixtures(Path dir, String mode) throws IOException {
        try (var fixtures = Files.newDirectoryStream(dir, "*-world-writable.sh")) {
            for (Path f : fixtures) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
            }
        }
    }
}
