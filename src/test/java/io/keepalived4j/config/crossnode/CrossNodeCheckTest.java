package io.keepalived4j.config.crossnode;

import io.keepalived4j.config.Position;
import io.keepalived4j.config.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.keepalived4j.config.crossnode.ConfText.lineOf;
import static org.assertj.core.api.Assertions.assertThat;

class CrossNodeCheckTest {

    @Test
    void consistentMasterAndBackupHaveNoFindings() {
        String a = ConfText.node("lb1").instance(i -> i.set("state", "MASTER").set("priority", "150")).text();
        String b = ConfText.node("lb2").instance(i -> i.set("priority", "100")).text();

        assertThat(Nodes.check("a.conf", a, "b.conf", b)).isEmpty();
    }

    @Test
    void aSingleFileHasNoCrossNodeFindings() {
        String a = ConfText.node("lb1").instance(i -> i.set("virtual_router_id", "7")).text();

        assertThat(Nodes.check("a.conf", a)).isEmpty();
    }

    @Test
    void vridConfiguredInOneFileOnlyIsANote() {
        String a = ConfText.node("lb1")
                .instance(i -> i.set("priority", "150"))
                .instance("VI_2", i -> i.set("virtual_router_id", "52").set("priority", "150")
                        .block("virtual_ipaddress", "10.0.0.200/24"))
                .text();
        String b = ConfText.node("lb2").instance(i -> i.set("priority", "100")).text();

        List<Finding> findings = Nodes.check("a.conf", a, "b.conf", b);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NOTE);
            assertThat(f.code()).isEqualTo("vrid-single-file");
            assertThat(f.message()).contains("VRID 52 on eth0 (IPv4)", "only in a.conf", "VI_2");
            assertThat(f.positions()).extracting(Position::file).containsOnly("a.conf");
        });
    }

    @Test
    void sameVridOnAnotherInterfaceIsNamedInTheNote() {
        String a = ConfText.node("lb1").instance(i -> i.set("priority", "150")).text();
        String b = ConfText.node("lb2").instance(i -> i.set("interface", "ens3")).text();

        List<Finding> findings = Nodes.check("a.conf", a, "b.conf", b);

        assertThat(findings).hasSize(2).allSatisfy(f -> assertThat(f.code()).isEqualTo("vrid-single-file"));
        assertThat(findings.getFirst().message()).contains("b.conf:" + lineOf(b, "virtual_router_id"), "on ens3");
    }

    @Test
    void formatStartsWithTheFirstPositionAndNamesEverySide() {
        String a = ConfText.node("lb1").instance(i -> i.set("priority", "150")).text();
        String b = ConfText.node("lb2").instance(i -> i.set("advert_int", "2")).text();

        Finding f = Nodes.withCode(Nodes.check("a.conf", a, "b.conf", b), "advert-int-mismatch").getFirst();

        String line = lineOf(a, "advert_int") + "";
        assertThat(f.format()).startsWith("a.conf:" + line + ": error: VRID 51 on eth0 (IPv4)")
                .contains("at a.conf:" + line + " (VI_1)", "at b.conf:" + line + " (VI_1)", "[advert-int-mismatch]", "hint: ");
    }

    @Test
    void findingsComeInAStableOrder() {
        String a = ConfText.node("same").instance(i -> i.set("advert_int", "3")).text();
        String b = ConfText.node("same").instance(i -> i.set("version", "3")).text();

        List<String> first = Nodes.check("a.conf", a, "b.conf", b).stream().map(Finding::code).toList();
        List<String> second = Nodes.check("a.conf", a, "b.conf", b).stream().map(Finding::code).toList();

        assertThat(first).isEqualTo(second).startsWith("duplicate-router-id");
    }
}
