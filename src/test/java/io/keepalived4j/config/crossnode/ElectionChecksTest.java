package io.keepalived4j.config.crossnode;

import io.keepalived4j.config.Position;
import io.keepalived4j.config.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.keepalived4j.config.crossnode.ConfText.lineOf;
import static org.assertj.core.api.Assertions.assertThat;

class ElectionChecksTest {

    private static Finding only(List<Finding> findings, String code) {
        List<Finding> matching = Nodes.withCode(findings, code);
        assertThat(matching).as("findings %s", findings).hasSize(1);
        return matching.getFirst();
    }

    @Test
    void equalPrioritiesWarnThatTheIpAddressDecides() {
        String a = ConfText.node("lb1").instance(i -> i.set("priority", "100")).text();
        String b = ConfText.node("lb2").instance(i -> i.set("priority", "100")).text();

        Finding f = only(Nodes.check("a.conf", a, "b.conf", b), "equal-priority");

        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.positions()).extracting(Position::toString)
                .containsExactly("a.conf:" + lineOf(a, "priority"), "b.conf:" + lineOf(b, "priority"));
        assertThat(f.message()).contains("priority 100", "IP address");
    }

    @Test
    void defaultPrioritiesAreEqualToo() {
        String a = ConfText.node("lb1").instance(i -> i.set("priority", null)).text();
        String b = ConfText.node("lb2").instance(i -> i.set("priority", null)).text();

        Finding f = only(Nodes.check("a.conf", a, "b.conf", b), "equal-priority");

        assertThat(f.positions()).extracting(Position::file).containsExactly("a.conf", "b.conf");
    }

    @Test
    void equalPrioritiesWithNopreemptEverywhereAreOnlyANote() {
        String a = ConfText.node("lb1").instance(i -> i.set("nopreempt", "")).text();
        String b = ConfText.node("lb2").instance(i -> i.set("nopreempt", "")).text();

        Finding f = only(Nodes.check("a.conf", a, "b.conf", b), "equal-priority");

        assertThat(f.severity()).isEqualTo(Severity.NOTE);
    }

    @Test
    void twoAddressOwnersAreAnErrorAndNotAlsoAnEqualPriority() {
        String a = ConfText.node("lb1").instance(i -> i.set("state", "MASTER").set("priority", "255")).text();
        String b = ConfText.node("lb2").instance(i -> i.set("state", "MASTER").set("priority", "255")).text();

        List<Finding> findings = Nodes.check("a.conf", a, "b.conf", b);
        Finding f = only(findings, "multiple-address-owners");

        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.message()).contains("a.conf:" + lineOf(a, "priority"), "b.conf:" + lineOf(b, "priority"));
        assertThat(Nodes.withCode(findings, "equal-priority")).isEmpty();
    }

    @Test
    void nopreemptWithStateMasterIsContradictory() {
        String a = ConfText.node("lb1").instance(i -> i.set("state", "MASTER").set("priority", "150").set("nopreempt", "")).text();
        String b = ConfText.node("lb2").instance(i -> i.set("nopreempt", "")).text();

        Finding f = only(Nodes.check("a.conf", a, "b.conf", b), "nopreempt-ignored");

        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.positions()).extracting(Position::toString)
                .containsExactly("a.conf:" + lineOf(a, "nopreempt"), "a.conf:" + lineOf(a, "state"));
        assertThat(f.message()).contains("state MASTER", "ignores nopreempt");
    }

    @Test
    void nopreemptOnlyOnTheLowerPriorityNodeChangesNothing() {
        String a = ConfText.node("lb1").instance(i -> i.set("priority", "150")).text();
        String b = ConfText.node("lb2").instance(i -> i.set("priority", "100").set("nopreempt", "")).text();

        Finding f = only(Nodes.check("a.conf", a, "b.conf", b), "nopreempt-not-on-higher-priority");

        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.message()).contains("set at b.conf:" + lineOf(b, "nopreempt"),
                "not at a.conf:" + lineOf(a, "priority") + " (VI_1) priority 150");
    }

    @Test
    void nopreemptOnEveryNodeWithDistinctPrioritiesIsFine() {
        String a = ConfText.node("lb1").instance(i -> i.set("priority", "150").set("nopreempt", "")).text();
        String b = ConfText.node("lb2").instance(i -> i.set("priority", "100").set("nopreempt", "")).text();

        assertThat(Nodes.check("a.conf", a, "b.conf", b)).isEmpty();
    }
}
