package io.keepalived4j.config.crossnode;

import io.keepalived4j.config.Position;
import io.keepalived4j.config.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.keepalived4j.config.crossnode.ConfText.lineOf;
import static org.assertj.core.api.Assertions.assertThat;

class UnicastPeerCheckTest {

    private static String unicast(String routerId, String priority, String src, String... peers) {
        return ConfText.node(routerId).instance(i -> i.set("priority", priority)
                .set("unicast_src_ip", src).block("unicast_peer", peers)).text();
    }

    @Test
    void peersThatListEachOtherAreConsistent() {
        String a = unicast("lb1", "150", "10.0.0.1", "10.0.0.2");
        String b = unicast("lb2", "100", "10.0.0.2", "10.0.0.1");

        assertThat(Nodes.check("a.conf", a, "b.conf", b)).isEmpty();
    }

    @Test
    void aPeerThatDoesNotListUsBackIsReportedWithBothPeerBlocks() {
        String a = unicast("lb1", "150", "10.0.0.1", "10.0.0.2");
        String b = unicast("lb2", "100", "10.0.0.2", "10.0.0.3");

        List<Finding> findings = Nodes.withCode(Nodes.check("a.conf", a, "b.conf", b), "unicast-peer-not-mutual");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.positions()).extracting(Position::toString)
                    .containsExactly("a.conf:" + lineOf(a, "unicast_peer"), "b.conf:" + lineOf(b, "unicast_peer"));
            assertThat(f.message()).contains("b.conf's address 10.0.0.2", "does not list a.conf's unicast_src_ip 10.0.0.1");
            assertThat(f.hint()).isEqualTo("add 10.0.0.1 to the unicast_peer block of b.conf");
        });
    }

    @Test
    void twoUnicastClustersSharingAVridAreSeparateGroups() {
        String a = unicast("lb1", "150", "10.0.0.1", "10.0.0.2");
        String b = unicast("lb2", "100", "10.0.0.2", "10.0.0.1");
        String c = ConfText.node("lb3").instance(i -> i.set("priority", "150").set("advert_int", "2")
                .set("unicast_src_ip", "10.1.0.1").block("unicast_peer", "10.1.0.2")).text();
        String d = ConfText.node("lb4").instance(i -> i.set("priority", "100").set("advert_int", "2")
                .set("unicast_src_ip", "10.1.0.2").block("unicast_peer", "10.1.0.1")).text();

        assertThat(Nodes.check("a.conf", a, "b.conf", b, "c.conf", c, "d.conf", d)).isEmpty();
    }
}
