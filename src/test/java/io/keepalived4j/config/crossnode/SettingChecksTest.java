package io.keepalived4j.config.crossnode;

import io.keepalived4j.config.Position;
import io.keepalived4j.config.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.keepalived4j.config.crossnode.ConfText.lineOf;
import static org.assertj.core.api.Assertions.assertThat;

class SettingChecksTest {

    private static final String BACKUP = ConfText.node("lb2").instance(i -> { }).text();

    private static String master(java.util.function.Consumer<ConfText.Instance> edits) {
        return ConfText.node("lb1").instance(i -> {
            i.set("state", "MASTER").set("priority", "150");
            edits.accept(i);
        }).text();
    }

    private static Finding only(List<Finding> findings, String code) {
        List<Finding> matching = Nodes.withCode(findings, code);
        assertThat(matching).as("findings %s", findings).hasSize(1);
        return matching.getFirst();
    }

    @Test
    void advertIntervalMismatchIsAnErrorInVersion2WithBothPositions() {
        String a = master(i -> i.set("advert_int", "2"));

        Finding f = only(Nodes.check("a.conf", a, "b.conf", BACKUP), "advert-int-mismatch");

        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.positions()).containsExactly(
                Position.of("a.conf", lineOf(a, "advert_int"), f.positions().get(0).column()),
                Position.of("b.conf", lineOf(BACKUP, "advert_int"), f.positions().get(1).column()));
        assertThat(f.message()).contains("2 s at a.conf:" + lineOf(a, "advert_int") + " (VI_1)",
                "1 s at b.conf:" + lineOf(BACKUP, "advert_int") + " (VI_1)", "split brain");
    }

    @Test
    void advertIntervalMismatchIsOnlyAWarningInVersion3() {
        String a = master(i -> i.set("version", "3").set("advert_int", "0.5").set("authentication", null));
        String b = ConfText.node("lb2").instance(i -> i.set("version", "3").set("authentication", null)).text();

        Finding f = only(Nodes.check("a.conf", a, "b.conf", b), "advert-int-mismatch");

        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.message()).contains("0.5 s at a.conf", "1 s at b.conf");
    }

    @Test
    void versionMismatchIsAnError() {
        String a = master(i -> i.set("version", "3"));

        Finding f = only(Nodes.check("a.conf", a, "b.conf", BACKUP), "version-mismatch");

        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.message()).contains("version 3 at a.conf:" + lineOf(a, "version"), "version 2 at b.conf");
    }

    @Test
    void authTypeMismatchIsAnError() {
        String a = master(i -> i.block("authentication", "auth_type AH", "auth_pass secret1"));

        Finding f = only(Nodes.check("a.conf", a, "b.conf", BACKUP), "auth-type-mismatch");

        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.message()).contains("AH at a.conf:" + lineOf(a, "auth_type"), "PASS at b.conf:" + lineOf(BACKUP, "auth_type"));
        assertThat(Nodes.withCode(Nodes.check("a.conf", a, "b.conf", BACKUP), "auth-pass-mismatch")).isEmpty();
    }

    @Test
    void missingAuthenticationOnOneSideIsATypeMismatch() {
        String a = master(i -> i.set("authentication", null));

        Finding f = only(Nodes.check("a.conf", a, "b.conf", BACKUP), "auth-type-mismatch");

        assertThat(f.message()).contains("NONE at a.conf", "PASS at b.conf");
    }

    @Test
    void passwordMismatchIsAnErrorThatDoesNotPrintThePasswords() {
        String a = master(i -> i.block("authentication", "auth_type PASS", "auth_pass hunter2"));

        Finding f = only(Nodes.check("a.conf", a, "b.conf", BACKUP), "auth-pass-mismatch");

        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.message()).contains("password A at a.conf:" + lineOf(a, "auth_pass"),
                "password B at b.conf:" + lineOf(BACKUP, "auth_pass"));
        assertThat(f.format()).doesNotContain("hunter2", "secret1");
    }

    @Test
    void authenticationIsNotComparedInVersion3() {
        String a = master(i -> i.set("version", "3").block("authentication", "auth_type PASS", "auth_pass other"));
        String b = ConfText.node("lb2").instance(i -> i.set("version", "3")).text();

        assertThat(Nodes.check("a.conf", a, "b.conf", b)).extracting(Finding::code)
                .doesNotContain("auth-type-mismatch", "auth-pass-mismatch");
    }

    @Test
    void differentVipListsAreAnErrorNamingTheMissingAddress() {
        String a = master(i -> i.block("virtual_ipaddress", "10.0.0.100/24", "10.0.0.101/24"));

        Finding f = only(Nodes.check("a.conf", a, "b.conf", BACKUP), "vip-mismatch");

        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.positions()).extracting(Position::toString)
                .containsExactly("a.conf:" + lineOf(a, "virtual_ipaddress"), "b.conf:" + lineOf(BACKUP, "virtual_ipaddress"));
        assertThat(f.message()).contains("has 10.0.0.100, 10.0.0.101", "has 10.0.0.100 (lacks 10.0.0.101)");
    }

    @Test
    void vipOrderAndPrefixDoNotMatter() {
        String a = master(i -> i.block("virtual_ipaddress", "10.0.0.101/24", "10.0.0.100/16"));
        String b = ConfText.node("lb2").instance(i -> i.block("virtual_ipaddress", "10.0.0.100/24", "10.0.0.101/24")).text();

        assertThat(Nodes.check("a.conf", a, "b.conf", b)).isEmpty();
    }

    @Test
    void downTimerAdvertsMismatchIsAWarning() {
        String a = master(i -> i.set("down_timer_adverts", "5"));

        Finding f = only(Nodes.check("a.conf", a, "b.conf", BACKUP), "down-timer-adverts-mismatch");

        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.message()).contains("5 at a.conf:" + lineOf(a, "down_timer_adverts"), "3 at b.conf:");
    }

    @Test
    void unicastAndMulticastInOneGroupIsAnError() {
        String a = master(i -> i.set("unicast_src_ip", "10.0.0.1").block("unicast_peer", "10.0.0.2"));

        Finding f = only(Nodes.check("a.conf", a, "b.conf", BACKUP), "unicast-multicast-mix");

        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.message()).contains("unicast at a.conf:" + lineOf(a, "unicast_peer"), "multicast at b.conf:");
    }
}
