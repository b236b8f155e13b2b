package io.keepalived4j.config.compat;

import io.keepalived4j.testsupport.ExecResult;
import io.keepalived4j.testsupport.NetNs;
import io.keepalived4j.testsupport.Root;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repaired seed scenarios in examples/ are clean: our {@code -t} and keepalived 2.2.7's both
 * exit 0 on each, in a namespace with eth0..eth3, and ours reports no error and no warning but
 * deprecation.
 */
class ExamplesConfigTestTest {

    /** Each scenario's master and backup files agree with each other (VIPs, VRID, auth, timers, router_id). */
    @Test
    void everyExamplePairIsConsistentAcrossNodes() throws IOException {
        List<Path> masters;
        try (Stream<Path> s = Files.list(Path.of("examples"))) {
            masters = s.filter(p -> p.toString().endsWith("-master.conf")).sorted().toList();
        }
        assertThat(masters).hasSizeGreaterThanOrEqualTo(5);
        for (Path master : masters) {
            Path backup = Path.of(master.toString().replace("-master.conf", "-backup.conf"));
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            int code = io.keepalived4j.cli.Main.run(new java.io.PrintWriter(out), new java.io.PrintWriter(err),
                    "check", master.toString(), backup.toString());
            assertThat(code).as(master + "\n" + out + err).isZero();
            assertThat(out.toString() + err).as(master.toString()).contains("cross-node: 2 files consistent");
        }
    }

    @Test
    void everyExamplePassesOurConfigTestAndKeepalivedsWithoutComplaint() throws IOException {
        Root.assumeRootOrFailOnCi();
        List<Path> examples;
        try (Stream<Path> s = Files.list(Path.of("examples"))) {
            examples = s.filter(p -> p.toString().endsWith(".conf")).sorted().map(Path::toAbsolutePath).toList();
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(10);
        Map<Path, String> files = new LinkedHashMap<>();
        examples.forEach(e -> files.put(e, ""));
        List<String> problems = new ArrayList<>();
        try (NetNs ns = NetNs.create("examples")) {
            Map<String, ConfigTestRunner.Verdict> ours = ConfigTestRunner.run(ns, files);
            boolean haveKeepalived = Files.isExecutable(Path.of("/usr/sbin/keepalived"));
            for (Path e : examples) {
                ConfigTestRunner.Verdict v = ours.get(e.toString());
                // The examples keep the tutorials' lb_algo/lb_kind, which keepalived accepts silently
                // and we accept with a deprecation warning; nothing else may be reported.
                boolean complaint = v.messages().lines().anyMatch(l -> l.contains(": error:")
                        || l.contains(": warning:") && !l.contains("is deprecated"));
                if (v.exitCode() != 0 || complaint) {
                    problems.add(e.getFileName() + ": we exit " + v.exitCode() + "\n" + v.messages().indent(4));
                }
                if (haveKeepalived) {
                    ExecResult real = ns.exec(List.of("/usr/sbin/keepalived", "-t", "-f", e.toString()), Duration.ofSeconds(20));
                    if (real.exitCode() != 0) {
                        problems.add(e.getFileName() + ": keepalived 2.2.7 exits " + real.exitCode() + "\n" + real.stderr().indent(4));
                    }
                } else if ("true".equals(System.getenv("CI"))) {
                    problems.add("keepalived 2.2.7 is not installed (CI must install it)");
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
