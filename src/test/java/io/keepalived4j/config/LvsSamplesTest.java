package io.keepalived4j.config;

import io.keepalived4j.config.ConfigLoader.LoadResult;
import io.keepalived4j.config.model.LvsSection;
import io.keepalived4j.config.model.Script;
import io.keepalived4j.config.model.lvs.HttpCheck;
import io.keepalived4j.config.model.lvs.MiscCheck;
import io.keepalived4j.config.model.lvs.SmtpCheck;
import io.keepalived4j.config.model.lvs.VirtualServer;
import io.keepalived4j.config.syntax.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LVS parts of keepalived's own samples give keepalived 2.2.7's verdict: every LVS-heavy
 * doc sample is clean under {@code keepalived -t} except keepalived.conf.fwmark (exit 5 for
 * "protocol specified for fwmark"). Only diagnostics inside SSL / virtual_server /
 * virtual_server_group blocks count here, so the global and VRRP parts cannot hide a difference.
 */
class LvsSamplesTest {

    private static final Set<String> LVS_BLOCKS = Set.of("SSL", "virtual_server", "virtual_server_group");

    /** keepalived's samples, copied into src/test/resources/keepalived-samples (see its README). */
    private static LoadResult load(String sample) {
        URL url = LvsSamplesTest.class.getResource("/keepalived-samples/" + sample);
        assertThat(url).as("sample " + sample + " on the test classpath").isNotNull();
        try {
            return ConfigLoader.load(Path.of(url.toURI()), LoadOptions.withConfigId("test"));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Diagnostics inside LVS blocks, without the schema's view of group address lines (see LvsKeywords). */
    private static List<Diagnostic> lvsDiagnostics(LoadResult r) {
        List<int[]> ranges = new ArrayList<>();
        List<Node> roots = r.tree();
        for (int i = 0; i < roots.size(); i++) {
            if (LVS_BLOCKS.contains(roots.get(i).keyword())) {
                int end = i + 1 < roots.size() ? roots.get(i + 1).position().line() - 1 : Integer.MAX_VALUE;
                ranges.add(new int[]{roots.get(i).position().line(), end});
            }
        }
        return r.diagnostics().all().stream()
                .filter(d -> ranges.stream().anyMatch(x -> d.position().line() >= x[0] && d.position().line() <= x[1]))
                .filter(d -> !(d.code().equals("unknown-keyword") && d.message().contains("in virtual_server_group")))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "doc-samples/keepalived.conf.HTTP_GET.port, 0",
            "doc-samples/keepalived.conf.IPv6, 0",
            "doc-samples/keepalived.conf.PING_CHECK, 0",
            "doc-samples/keepalived.conf.SMTP_CHECK, 0",
            "doc-samples/keepalived.conf.SSL_GET, 0",
            "doc-samples/keepalived.conf.UDP_CHECK, 0",
            "doc-samples/keepalived.conf.fwmark, 5",
            "doc-samples/keepalived.conf.inhibit, 0",
            "doc-samples/keepalived.conf.misc_check, 0",
            "doc-samples/keepalived.conf.misc_check_arg, 0",
            "doc-samples/keepalived.conf.quorum, 0",
            "doc-samples/keepalived.conf.sample, 0",
            "doc-samples/keepalived.conf.status_code, 0",
            "doc-samples/keepalived.conf.virtual_server_group, 0",
            "doc-samples/keepalived.conf.virtualhost, 0",
            "other/etc-keepalived.conf, 0",
    })
    void lvsPartGivesKeepalivedsVerdict(String sample, int keepalivedExit) {
        LoadResult r = load(sample);
        assertThat(r.model()).isNotNull();
        KaStatus status = KaStatus.NONE;
        for (Diagnostic d : lvsDiagnostics(r)) {
            status = status.combine(d.status());
        }
        assertThat(status.exitCode()).as(sample + ": " + lvsDiagnostics(r)).isEqualTo(keepalivedExit);
    }

    @Test
    void fwmarkSampleFailsOnlyForTheProtocol() {
        List<Diagnostic> d = lvsDiagnostics(load("doc-samples/keepalived.conf.fwmark")).stream()
                .filter(x -> x.status() != KaStatus.NONE).toList();
        assertThat(d).singleElement().satisfies(x -> assertThat(x.message())
                .isEqualTo("Warning: Virtual server FWM 1: protocol specified for fwmark - protocol will be ignored"));
    }

    @Test
    void quorumSampleExposesItsScripts() {
        LvsSection lvs = load("doc-samples/keepalived.conf.quorum").model().lvs();
        assertThat(lvs.scripts()).extracting(Script::command)
                .containsExactly("/usr/local/sbin/quorum-up.sh", "/usr/local/sbin/quorum-down.sh");
        VirtualServer vs = lvs.virtualServers().getFirst();
        assertThat(vs.pool().alpha()).isTrue();
        assertThat(vs.pool().omega()).isTrue();
        assertThat(vs.realServers()).hasSize(10);
    }

    @Test
    void miscCheckSamplesGiveCommandLines() {
        assertThat(load("doc-samples/keepalived.conf.misc_check_arg").model().lvs().miscCheckScripts())
                .extracting(Script::command).contains("/usr/local/bin/script.sh arg1 arg2");
        assertThat(load("doc-samples/keepalived.conf.misc_check").model().lvs().virtualServers().stream()
                .flatMap(v -> v.realServers().stream()).flatMap(s -> s.checkers().stream())
                .filter(MiscCheck.class::isInstance)).isNotEmpty();
    }

    @Test
    void smtpSampleExpandsHostBlocks() {
        LvsSection lvs = load("doc-samples/keepalived.conf.SMTP_CHECK").model().lvs();
        long smtp = lvs.virtualServers().stream().flatMap(v -> v.realServers().stream())
                .flatMap(s -> s.checkers().stream()).filter(SmtpCheck.class::isInstance).count();
        assertThat(smtp).isGreaterThan(3);
    }

    @Test
    void virtualhostSampleResolvesTheHostHeader() {
        LvsSection lvs = load("doc-samples/keepalived.conf.virtualhost").model().lvs();
        assertThat(lvs.virtualServers().getFirst().realServers().getFirst().checkers())
                .allSatisfy(c -> assertThat(((HttpCheck) c).virtualhost()).isPresent());
    }

    @Test
    void modelOfEveryCheckerTypeWritesAsJson() {
        String json = io.keepalived4j.config.json.JsonWriter.write(load("doc-samples/keepalived.conf.SMTP_CHECK").model().lvs());
        assertThat(json).contains("\"realServers\"", "\"heloName\"", "\"connectTimeout\"");
    }

    @Test
    void groupSampleReadsEveryEntry() {
        LvsSection lvs = load("doc-samples/keepalived.conf.virtual_server_group").model().lvs();
        assertThat(lvs.groups().getFirst().entries()).hasSize(6);
        assertThat(lvs.virtualServers()).hasSize(1);
    }
}
