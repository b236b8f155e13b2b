package io.keepalived4j.config.compat;

import io.keepalived4j.testsupport.ExecResult;
import io.keepalived4j.testsupport.NetNs;
import io.keepalived4j.testsupport.Root;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every keepalived sample configuration (src/test/resources/keepalived-samples, see its README)
 * gets keepalived 2.2.7's {@code -t} exit code from us, run the same way: as root,
 * inside a network namespace whose interfaces are eth0..eth3. The real keepalived 2.2.7 is run on
 * each file in the same namespace too, so a drift of the reference itself is caught here rather
 * than blamed on our parser.
 */
class KeepalivedSampleVerdictsTest {

    /** File (relative to the keepalived-samples resource directory) and keepalived 2.2.7's exit status. */
    private static final Map<String, Integer> VERDICTS = new LinkedHashMap<>();

    static {
        VERDICTS.put("doc-samples/keepalived.conf.HTTP_GET.port", 0);
        VERDICTS.put("doc-samples/keepalived.conf.IPv6", 0);
        VERDICTS.put("doc-samples/keepalived.conf.PING_CHECK", 0);
        VERDICTS.put("doc-samples/keepalived.conf.SMTP_CHECK", 0);
        VERDICTS.put("doc-samples/keepalived.conf.SSL_GET", 5);
        VERDICTS.put("doc-samples/keepalived.conf.UDP_CHECK", 0);
        VERDICTS.put("doc-samples/keepalived.conf.conditional_conf", 5);
        VERDICTS.put("doc-samples/keepalived.conf.fwmark", 5);
        VERDICTS.put("doc-samples/keepalived.conf.inhibit", 0);
        VERDICTS.put("doc-samples/keepalived.conf.misc_check", 0);
        VERDICTS.put("doc-samples/keepalived.conf.misc_check_arg", 0);
        VERDICTS.put("doc-samples/keepalived.conf.quorum", 0);
        VERDICTS.put("doc-samples/keepalived.conf.sample", 0);
        VERDICTS.put("doc-samples/keepalived.conf.status_code", 0);
        VERDICTS.put("doc-samples/keepalived.conf.track_interface", 5);
        VERDICTS.put("doc-samples/keepalived.conf.virtual_server_group", 0);
        VERDICTS.put("doc-samples/keepalived.conf.virtualhost", 0);
        VERDICTS.put("doc-samples/keepalived.conf.vrrp", 0);
        VERDICTS.put("doc-samples/keepalived.conf.vrrp.localcheck", 6);
        VERDICTS.put("doc-samples/keepalived.conf.vrrp.lvs_syncd", 5);
        VERDICTS.put("doc-samples/keepalived.conf.vrrp.routes", 5);
        VERDICTS.put("doc-samples/keepalived.conf.vrrp.rules", 5);
        VERDICTS.put("doc-samples/keepalived.conf.vrrp.scripts", 0);
        VERDICTS.put("doc-samples/keepalived.conf.vrrp.static_ipaddress", 5);
        VERDICTS.put("doc-samples/keepalived.conf.vrrp.sync", 0);
        VERDICTS.put("other/etc-keepalived.conf", 5);
        VERDICTS.put("other/docker-keepalived.conf", 0);
    }

    /**
     * Deliberate differences (at most three), each with the reason. Empty: we match every verdict.
     */
    private static final Map<String, String> DELIBERATE_DIFFERENCES = Map.of();

    private static NetNs ns;

    @BeforeAll
    static void createNamespace() {
        Root.assumeRootOrFailOnCi();
        ns = NetNs.create("samples");
    }

    @AfterAll
    static void removeNamespace() {
        if (ns != null) {
            ns.close();
        }
    }

    /** A sample's file, from the test classpath (target/test-classes/keepalived-samples). */
    static Path sample(String name) {
        URL url = KeepalivedSampleVerdictsTest.class.getResource("/keepalived-samples/" + name);
        assertThat(url).as("sample " + name + " on the test classpath").isNotNull();
        try {
            return Path.of(url.toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everySampleGetsKeepalivedsExitCode() {
        assertThat(DELIBERATE_DIFFERENCES).hasSizeLessThanOrEqualTo(3);
        Map<Path, String> files = new LinkedHashMap<>();
        for (String sample : VERDICTS.keySet()) {
            Path file = sample(sample);
            assertThat(file).isRegularFile();
            files.put(file, "");
        }
        Map<String, ConfigTestRunner.Verdict> ours = ConfigTestRunner.run(ns, files);
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, Integer> e : VERDICTS.entrySet()) {
            String file = sample(e.getKey()).toString();
            ConfigTestRunner.Verdict v = ours.get(file);
            assertThat(v).as("our verdict on " + e.getKey()).isNotNull();
            if (v.exitCode() != e.getValue() && !DELIBERATE_DIFFERENCES.containsKey(e.getKey())) {
                mismatches.add(e.getKey() + ": keepalived 2.2.7 exits " + e.getValue() + ", we exit " + v.exitCode()
                        + "\n" + v.messages().indent(4));
            }
        }
        assertThat(mismatches).as("samples whose -t exit code differs from keepalived 2.2.7").isEmpty();
    }

    @Test
    void referenceKeepalivedStillGivesTheRecordedVerdicts() {
        Path keepalived = Path.of("/usr/sbin/keepalived");
        if (!Files.isExecutable(keepalived)) {
            // .ci/run installs Debian's keepalived 2.2.7; a developer machine may not have it.
            Root.assumeRootOrFailOnCi();
            org.junit.jupiter.api.Assumptions.assumeTrue("true".equals(System.getenv("CI")), "keepalived not installed");
            throw new AssertionError("keepalived 2.2.7 must be installed on CI");
        }
        List<String> drift = new ArrayList<>();
        for (Map.Entry<String, Integer> e : VERDICTS.entrySet()) {
            Path file = sample(e.getKey());
            ExecResult real = ns.exec(List.of(keepalived.toString(), "-t", "-f", file.toString()), Duration.ofSeconds(20));
            if (real.exitCode() != e.getValue()) {
                drift.add(e.getKey() + ": recorded " + e.getValue() + ", keepalived now exits " + real.exitCode()
                        + "\n" + real.stderr().indent(4));
            }
        }
        assertThat(drift).as("reference verdicts that keepalived 2.2.7 no longer gives here").isEmpty();
    }
}
