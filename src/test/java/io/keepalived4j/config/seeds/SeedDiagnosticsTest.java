package io.keepalived4j.config.seeds;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.ConfigLoader.LoadResult;
import io.keepalived4j.config.Diagnostic;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.syntax.Limits;
import io.keepalived4j.config.syntax.Node;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed tutorials' configurations, exactly as published (src/test/resources/seeds), get the
 * diagnostics a user needs to repair them: the right line, and the keyword they meant.
 */
class SeedDiagnosticsTest {

    private static LoadResult load(String name) throws IOException {
        try (InputStream in = SeedDiagnosticsTest.class.getResourceAsStream("/seeds/" + name)) {
            assertThat(in).as(name).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            LoadResult r = ConfigLoader.loadText(name, text, new LoadOptions("lb1", Limits.DEFAULT, 0));
            assertThat(r.diagnostics().has("internal-error")).as("no internal error").isFalse();
            return r;
        }
    }

    private static Diagnostic find(LoadResult r, int line, Predicate<Diagnostic> p) {
        List<Diagnostic> hits = r.diagnostics().all().stream()
                .filter(d -> d.position().line() == line).filter(p).toList();
        assertThat(hits).as("diagnostic at line %d among%n%s", line, dump(r)).isNotEmpty();
        return hits.getFirst();
    }

    private static String dump(LoadResult r) {
        StringBuilder sb = new StringBuilder();
        r.diagnostics().sorted().forEach(d -> sb.append(d.format()).append('\n'));
        return sb.toString();
    }

    private static Predicate<Diagnostic> unknown(String keyword) {
        return d -> d.code().equals("unknown-keyword") && d.message().contains("'" + keyword + "'");
    }

    @Test
    void seed001AdvertIntervalSuggestsAdvertInt() throws IOException {
        Diagnostic d = find(load("seed-001-lvs-websocket-master.conf"), 16, unknown("advert_interval"));
        assertThat(d.position().column()).isEqualTo(9);
        assertThat(d.suggestion()).contains("advert_int");
    }

    @Test
    void seed001AuthenticationTypeAndPasswordSuggestAuthTypeAndAuthPass() throws IOException {
        LoadResult r = load("seed-001-lvs-websocket-master.conf");
        assertThat(find(r, 18, unknown("type")).suggestion()).contains("auth_type");
        assertThat(find(r, 19, unknown("password")).suggestion()).contains("auth_pass");
    }

    @Test
    void seed001NbGetRepliesSuggestsRetry() throws IOException {
        LoadResult r = load("seed-001-lvs-websocket-master.conf");
        Diagnostic d = find(r, 37, unknown("nb_get_replies"));
        assertThat(d.suggestion()).contains("retry").contains("nb_get_retry");
        find(r, 45, unknown("nb_get_replies"));
    }

    @Test
    void seed001SourceIpIsNotANetmask() throws IOException {
        Diagnostic d = find(load("seed-001-lvs-websocket-master.conf"), 30,
                x -> !x.code().equals(io.keepalived4j.config.schema.SchemaChecker.NOT_RUN)
                        && (x.message().contains("SOURCE_IP") || x.excerpt().contains("SOURCE_IP")));
        assertThat(d.message() + " " + d.suggestion()).containsIgnoringCase("netmask");
    }

    @Test
    void seed003StateSlaverIsInvalidAndBackupIsSuggested() throws IOException {
        Diagnostic d = find(load("seed-003-nginx-backup.conf"), 15, x -> x.message().contains("SLAVER"));
        assertThat(d.message() + " " + d.suggestion()).contains("BACKUP");
    }

    @Test
    void seed003ConnectionTimeoutSuggestsConnectTimeout() throws IOException {
        LoadResult r = load("seed-003-lvs-master.conf");
        assertThat(find(r, 40, unknown("connection_timeout")).suggestion()).contains("connect_timeout");
        find(r, 50, unknown("connection_timeout"));
    }

    @Test
    void seed004DoubleSlashIsNotAComment() throws IOException {
        LoadResult r = load("seed-004-lvs-dr-master.conf");
        // As a keyword (after "{" on the virtual_server line) and as trailing words of a VIP.
        assertThat(find(r, 28, unknown("//")).suggestion()).contains("'#'");
        assertThat(find(r, 24, d -> d.code().equals("slash-comment")).position().column()).isEqualTo(44);
        find(r, 41, d -> d.code().equals("slash-comment"));
    }

    @Test
    void seed000LostNewlinesAreReportedAtTheirLines() throws IOException {
        LoadResult r = load("seed-000-lvs-master.conf");
        // "}vrrp_instance VI_1 {" on line 5: the instance still starts there, as in keepalived.
        Node instance = r.tree().stream().filter(n -> n.keyword().equals("vrrp_instance")).findFirst().orElseThrow();
        assertThat(instance.position().line()).isEqualTo(5);
        assertThat(instance.position().column()).isEqualTo(2);
        // Prose glued to keywords: the keyword the user meant is named.
        assertThat(find(r, 3, d -> d.code().equals("glued-keyword")).message()).contains("router_id");
        assertThat(find(r, 9, d -> d.code().equals("glued-keyword")).message()).contains("priority");
        // A comment that swallowed a closing brace.
        find(r, 10, d -> d.code().equals("comment-hides-brace"));
    }
}
