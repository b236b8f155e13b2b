package io.keepalived4j.config.crossnode;

import io.keepalived4j.config.Position;
import io.keepalived4j.config.Severity;
import org.junit.jupiter.api.Test;

import static io.keepalived4j.config.crossnode.ConfText.lineOf;
import static org.assertj.core.api.Assertions.assertThat;

class RouterIdCheckTest {

    @Test
    void duplicateRouterIdIsAWarningWithBothLines() {
        String a = ConfText.node("LVS_DEVEL").instance(i -> i.set("priority", "150")).text();
        String b = ConfText.node("LVS_DEVEL").instance(i -> { }).text();

        assertThat(Nodes.withCode(Nodes.check("a.conf", a, "b.conf", b), "duplicate-router-id"))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.positions()).extracting(Position::toString)
                            .containsExactly("a.conf:" + lineOf(a, "router_id"), "b.conf:" + lineOf(b, "router_id"));
                    assertThat(f.message()).contains("'LVS_DEVEL'");
                });
    }

    @Test
    void unsetRouterIdsAreNotCompared() {
        String a = ConfText.node(null).instance(i -> i.set("priority", "150")).text();
        String b = ConfText.node(null).instance(i -> { }).text();

        assertThat(Nodes.check("a.conf", a, "b.conf", b)).isEmpty();
    }
}
