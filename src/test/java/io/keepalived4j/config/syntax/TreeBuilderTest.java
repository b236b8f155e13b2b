package io.keepalived4j.config.syntax;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.Position;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TreeBuilderTest {

    private final Diagnostics diagnostics = new Diagnostics();

    private List<Node> tree(String text) {
        return tree(text, Limits.DEFAULT);
    }

    private List<Node> tree(String text, Limits limits) {
        List<SourceLine> lines = Preprocessor.readText("t.conf", text, Preprocessed.withLimits(limits), diagnostics);
        return TreeBuilder.build(lines, limits, diagnostics);
    }

    private List<String> codes() {
        return diagnostics.all().stream().map(d -> d.code()).toList();
    }

    @Test
    void blockWithStatements() {
        List<Node> t = tree("""
                vrrp_instance VI_1 {
                    state MASTER
                    priority 100
                }
                """);
        assertThat(t).singleElement().satisfies(n -> {
            assertThat(n.isBlock()).isTrue();
            assertThat(n.keyword()).isEqualTo("vrrp_instance");
            assertThat(n.args()).containsExactly("VI_1");
            assertThat(n.children()).extracting(Node::text).containsExactly("state MASTER", "priority 100");
            assertThat(n.children()).allSatisfy(c -> assertThat(c.isBlock()).isFalse());
        });
        assertThat(diagnostics.all()).isEmpty();
    }

    @Test
    void braceBlockOnOneLine() {
        List<Node> t = tree("vrrp_instance VI_1 {\n  track_interface { eth0 eth1 }\n}\n");
        Node track = t.getFirst().children().getFirst();
        assertThat(track.keyword()).isEqualTo("track_interface");
        assertThat(track.children()).singleElement().extracting(Node::text).isEqualTo("eth0 eth1");
        assertThat(diagnostics.all()).isEmpty();
    }

    @Test
    void closeBraceFollowedByANewBlockOnTheSameLine() {
        List<Node> t = tree("vrrp_instance VI_0 {\n  state BACKUP\n}vrrp_instance VI_1 {\n  state MASTER\n}\n");
        assertThat(t).extracting(Node::text).containsExactly("vrrp_instance VI_0 {", "vrrp_instance VI_1 {");
        assertThat(t.get(1).position()).isEqualTo(Position.of("t.conf", 3, 2));
        assertThat(t.get(0).children()).extracting(Node::text).containsExactly("state BACKUP");
        assertThat(t.get(1).children()).extracting(Node::text).containsExactly("state MASTER");
        assertThat(diagnostics.all()).isEmpty();
    }

    @Test
    void openBraceOnTheNextLineBelongsToThePreviousStatement() {
        List<Node> t = tree("global_defs\n{\n   router_id R1\n}\n");
        assertThat(t).singleElement().satisfies(n -> {
            assertThat(n.keyword()).isEqualTo("global_defs");
            assertThat(n.position()).isEqualTo(Position.of("t.conf", 1, 1));
            assertThat(n.children()).extracting(Node::text).containsExactly("router_id R1");
        });
        assertThat(diagnostics.all()).isEmpty();
    }

    @Test
    void statementsOnTheLineOfAClosingBraceGoToTheOuterBlock() {
        List<Node> t = tree("a {\n b\n} c\n");
        assertThat(t).extracting(Node::keyword).containsExactly("a", "c");
    }

    @Test
    void positionsPointAtTheKeywordAndArguments() {
        List<Node> t = tree("\n   virtual_router_id   51\n");
        Node n = t.getFirst();
        assertThat(n.position()).isEqualTo(Position.of("t.conf", 2, 4));
        assertThat(n.argPosition(0)).isEqualTo(Position.of("t.conf", 2, 24));
    }

    @Test
    void extraCloseBraceIsReportedWhereItIs() {
        tree("a {\n}\n  }\n");
        assertThat(codes()).containsExactly("unexpected-close-brace");
        assertThat(diagnostics.all().getFirst().position()).isEqualTo(Position.of("t.conf", 3, 3));
    }

    @Test
    void missingCloseBraceIsReportedAtTheBlockAndTheBlockIsKept() {
        List<Node> t = tree("global_defs {\n router_id R1\nvrrp_instance VI_1 {\n state MASTER\n");
        assertThat(codes()).containsExactly("missing-close-brace", "missing-close-brace");
        assertThat(diagnostics.all()).extracting(d -> d.position().line()).containsExactly(3, 1);
        assertThat(t).singleElement().extracting(Node::keyword).isEqualTo("global_defs");
        assertThat(t.getFirst().children()).extracting(Node::keyword).containsExactly("router_id", "vrrp_instance");
    }

    @Test
    void openBraceWithNothingBeforeItIsReported() {
        tree("a {\n}\n{\n x\n}\n");
        assertThat(codes()).containsExactly("unexpected-open-brace");
        assertThat(diagnostics.all().getFirst().position().line()).isEqualTo(3);
    }

    @Test
    void quotedBracesDoNotOpenBlocks() {
        List<Node> t = tree("notify \"{\"\n");
        assertThat(t).singleElement().satisfies(n -> assertThat(n.isBlock()).isFalse());
        assertThat(diagnostics.all()).isEmpty();
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        Limits limits = new Limits(32, 5, 1000, 1000, 1000, 10, 100_000, 16);
        List<Node> t = tree("a {\n b {\n c {\n d {\n e {\n f\n }\n }\n }\n }\n}\n", limits);
        assertThat(diagnostics.all()).isEmpty();
        Node n = t.getFirst();
        for (int i = 0; i < 4; i++) {
            n = n.children().getFirst();
        }
        assertThat(n.keyword()).isEqualTo("e");
        assertThat(n.children()).extracting(Node::keyword).containsExactly("f");
    }

    @Test
    void nestingBeyondTheLimitIsReportedOnceAndItsContentsDropped() {
        Limits limits = new Limits(32, 3, 1000, 1000, 1000, 10, 100_000, 16);
        List<Node> t = tree("a {\n b {\n c {\n d {\n e {\n x\n }\n }\n y\n }\n }\n z\n}\n", limits);
        assertThat(codes()).containsExactly("too-deep");
        assertThat(diagnostics.all().getFirst().position()).isEqualTo(Position.of("t.conf", 4, 2));
        Node c = t.getFirst().children().getFirst().children().getFirst();
        assertThat(c.keyword()).isEqualTo("c");
        assertThat(c.children()).extracting(Node::keyword).containsExactly("d", "y");
        assertThat(c.children().getFirst().children()).isEmpty();
        assertThat(t.getFirst().children()).extracting(Node::keyword).containsExactly("b", "z");
    }

    @Test
    void fiveThousandNestedBracesCostNoJavaStackAndFewMessages() {
        String text = "a {\n".repeat(5000) + "}\n".repeat(5000);
        List<Node> t = tree(text);
        assertThat(codes()).containsExactly("too-deep");
        assertThat(t).hasSize(1);
    }

    @Test
    void fiveThousandUnclosedBracesAreReportedOncePerKeptBlock() {
        tree("{".repeat(5000));
        assertThat(codes()).containsOnly("keepalived-line-limit", "unexpected-open-brace", "too-deep", "missing-close-brace");
        assertThat(diagnostics.all().size()).isLessThan(2 * Limits.DEFAULT.maxBlockDepth() + 5);
    }

    @Test
    void emptyInputBuildsAnEmptyTree() {
        assertThat(tree("")).isEmpty();
        assertThat(tree("! only a comment\n# and another\n\n")).isEmpty();
        assertThat(diagnostics.all()).isEmpty();
    }
}
