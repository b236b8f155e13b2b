package io.keepalived4j.config.syntax;

import io.keepalived4j.config.Position;
import io.keepalived4j.config.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PreprocessorTest {

    @Test
    void commentsAndBlankLinesDisappearAndLineNumbersSurvive() {
        Preprocessed p = Preprocessed.text("! header\n\nglobal_defs {   # open\n   router_id R1\n}\n");
        assertThat(p.texts()).containsExactly("global_defs {", "router_id R1", "}");
        assertThat(p.lines()).extracting(l -> l.position().line()).containsExactly(3, 4, 5);
        assertThat(p.lines()).allSatisfy(l -> assertThat(l.position().file()).isEqualTo("test.conf"));
        assertThat(p.diagnostics().all()).isEmpty();
    }

    @Test
    void untouchedLinesKeepTheirColumns() {
        Preprocessed p = Preprocessed.text("   state MASTER\n");
        assertThat(p.lines().getFirst().columnMap()).isTrue();
        assertThat(p.lines().getFirst().text()).isEqualTo("   state MASTER");
    }

    @Test
    void crlfLineEndingsAreRemoved() {
        Preprocessed p = Preprocessed.text("global_defs {\r\n  router_id R1\r\n}\r\n");
        assertThat(p.lines()).extracting(SourceLine::text).noneMatch(t -> t.contains("\r"));
        assertThat(p.texts()).containsExactly("global_defs {", "router_id R1", "}");
    }

    @Test
    void conditionalLineIsKeptForThisConfigIdWithoutItsPrefix() {
        Preprocessed p = Preprocessed.text("@node1 priority 150\n@node2 priority 100\n");
        assertThat(p.texts()).containsExactly("priority 150");
    }

    @Test
    void negatedConditionalIsKeptForEveryOtherConfigId() {
        Preprocessed p = Preprocessed.text("@^node1 priority 100\n@^node2 priority 150\n");
        assertThat(p.texts()).containsExactly("priority 150");
    }

    @Test
    void conditionalPrefixIsBlankedSoColumnsStillMatch() {
        Preprocessed p = Preprocessed.text("  @node1 state MASTER\n");
        SourceLine line = p.lines().getFirst();
        assertThat(line.columnMap()).isTrue();
        assertThat(line.text().indexOf("state")).isEqualTo("  @node1 state MASTER".indexOf("state"));
    }

    @Test
    void conditionalWithNothingAfterItIsDropped() {
        assertThat(Preprocessed.text("@node1\n@^other\n").lines()).isEmpty();
    }

    @Test
    void conditionalDefinitionsApplyOnlyToTheirNode() {
        Preprocessed p = Preprocessed.text("@node1 $PRIO=150\n@node2 $PRIO=100\npriority $PRIO\n");
        assertThat(p.texts()).containsExactly("priority 150");
    }

    @Test
    void expandedLinesLoseTheirColumns() {
        Preprocessed p = Preprocessed.text("$P=150\npriority $P\n");
        assertThat(p.lines().getFirst().columnMap()).isFalse();
        assertThat(p.lines().getFirst().position()).isEqualTo(Position.of("test.conf", 2, 1));
    }

    @Test
    void hashProducedByASubstitutionEndsTheLineOutsideQuotes() {
        // keepalived 2.2.7 removes comments again after a substitution.
        Preprocessed p = Preprocessed.text("zz_a${_HASH}b\n\"zz_${_HASH}x\"\nzz_x${_BANG}y\n");
        assertThat(p.texts()).containsExactly("zz_a", "\"zz_#x\"", "zz_x");
    }

    @Test
    void loopsAndDefinitionsCombine() {
        Preprocessed p = Preprocessed.text("$PFX=10.0.0\n~SEQ(i, 3) virtual_ipaddress_$i ${PFX}.$i\n");
        assertThat(p.texts()).containsExactly("virtual_ipaddress_1 10.0.0.1", "virtual_ipaddress_2 10.0.0.2",
                "virtual_ipaddress_3 10.0.0.3");
        assertThat(p.lines()).allSatisfy(l -> assertThat(l.position().line()).isEqualTo(2));
    }

    @Test
    void tooManyLinesStopsWithOneFatalDiagnostic() {
        Limits small = new Limits(32, 32, 10, 10_000, 10_000, 10, 1_000_000, 16);
        Preprocessed p = Preprocessed.text("a\n".repeat(9) + "$X=1\n" + "b $X\n".repeat(20),
                Preprocessed.withLimits(small));
        // 30 physical lines is already past the budget of 10 lines read: nothing is read.
        assertThat(p.codes()).containsExactly("too-many-lines");
        assertThat(p.first("too-many-lines").severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void tooManyProducedLinesStopsWithOneFatalDiagnostic() {
        Limits small = new Limits(32, 32, 10, 10_000, 10_000, 10, 1_000_000, 16);
        Preprocessed p = Preprocessed.text("$M=a \\\nb \\\nc\n$M\n$M\n$M\n$M\n", Preprocessed.withLimits(small));
        assertThat(p.texts()).hasSize(10).startsWith("a", "b", "c", "a");
        assertThat(p.codes()).containsExactly("too-many-lines");
    }

    @Test
    void tooMuchTextStopsWithOneDiagnostic() {
        Limits small = new Limits(32, 32, 1000, 1_000_000, 10_000, 10, 10_000, 16);
        Preprocessed p = Preprocessed.text("~SEQ(i, 5) " + "x".repeat(4000) + "\n", Preprocessed.withLimits(small));
        assertThat(p.codes()).containsExactly("keepalived-line-limit", "too-much-text");
        assertThat(p.lines()).hasSizeLessThan(3);
    }

    @Test
    void oversizedTextIsNotReadAtAll() {
        Limits small = new Limits(32, 32, 1000, 1_000_000, 10_000, 10, 100, 16);
        Preprocessed p = Preprocessed.text("x".repeat(101), Preprocessed.withLimits(small));
        assertThat(p.lines()).isEmpty();
        assertThat(p.codes()).containsExactly("too-much-text");
    }

    @Test
    void definitionFollowedByOtherTextIsNotExpandedLikeKeepalived() {
        assertThat(Preprocessed.text("$PFX=10.0.0\nzz $PFX.1\n").texts()).containsExactly("zz $PFX.1");
    }

    @Test
    void emptyTextProducesNothing() {
        Preprocessed p = Preprocessed.text("");
        assertThat(p.lines()).isEmpty();
        assertThat(p.diagnostics().all()).isEmpty();
    }

    @Test
    void linesOfAMultiLineDefinitionAreReadLikeFileLines() {
        // keepalived 2.2.7 (issue 1386's configuration): a definition inside a multi-line definition
        // applies to the lines after it, and a multi-line definition used there gives its lines first.
        Preprocessed p = Preprocessed.text("$RS=real_server $IP 80 { \\\n weight 1 \\\n}\n"
                + "$VS=virtual_server 10.0.0.1 80 { \\\n $IP=10.0.0.21 \\\n $RS \\\n $IP=10.0.0.22 \\\n $RS \\\n}\n"
                + "$VS\n");
        assertThat(p.texts()).containsExactly("virtual_server 10.0.0.1 80 {", "real_server 10.0.0.21 80 {", "weight 1", "}",
                "real_server 10.0.0.22 80 {", "weight 1", "}", "}");
        assertThat(p.lines()).as("the line of the reference").extracting(l -> l.position().line()).containsOnly(10);
    }

    @Test
    void multiLineDefinitionUsingItselfIsStopped() {
        Preprocessed p = Preprocessed.text("$A=x \\\n $A\n$A\n");
        assertThat(p.codes()).contains("definition-too-deep");
    }
}
