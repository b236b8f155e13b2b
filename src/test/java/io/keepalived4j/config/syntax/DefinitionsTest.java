package io.keepalived4j.config.syntax;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.Position;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class DefinitionsTest {

    private final Diagnostics diagnostics = new Diagnostics();

    private Definitions definitions(Limits limits, long seed) {
        return new Definitions(limits, "node1", Map.of("HOME_DIR", "/home/ka")::get, seed);
    }

    private String expand(Definitions defs, String text) {
        return defs.expand(text, "/etc/keepalived", Position.of("d.conf", 1, 1), diagnostics);
    }

    @Test
    void nameFollowedByABlankOrTheEndIsReplaced() {
        assertThat(Preprocessed.text("$VIP=10.0.0.1\nvip $VIP\nvip $VIP dev eth0\n").texts())
                .containsExactly("vip 10.0.0.1", "vip 10.0.0.1 dev eth0");
    }

    @Test
    void nameFollowedByACommaOrParenthesisIsReplacedLikeKeepalived() {
        // keepalived 2.2.7: "zz_$A,x" is reported as Unknown keyword 'zz_1,x'.
        assertThat(Preprocessed.text("$A=1\nzz_$A,x zz_$A)\n").texts()).containsExactly("zz_1,x zz_1)");
    }

    @Test
    void nameRunningIntoOtherTextIsLeftAlone() {
        assertThat(Preprocessed.text("$A=1\nzz_$Ax\n").texts()).containsExactly("zz_$Ax");
    }

    @Test
    void bracedNameMayTouchOtherText() {
        assertThat(Preprocessed.text("$A=1\n${A}zz zz_${A}x\n").texts()).containsExactly("1zz zz_1x");
    }

    @Test
    void bracesWithBlanksAroundTheNameAreNotAReference() {
        Definitions defs = definitions(Limits.DEFAULT, 0);
        defs.define("A", "1");
        assertThat(expand(defs, "zz_${ A }x")).isEqualTo("zz_${ A }x");
    }

    @Test
    void undefinedNamesStayAsWritten() {
        assertThat(Preprocessed.text("$A=1\nzz $UNDEF ${UNDEF2} $\n").texts()).containsExactly("zz $UNDEF ${UNDEF2} $");
    }

    @Test
    void laterDefinitionReplacesAnEarlierOne() {
        assertThat(Preprocessed.text("$A=1\n$A=2\nzz_$A\n").texts()).containsExactly("zz_2");
    }

    @Test
    void valuesAreExpandedWhenUsedNotWhenDefined() {
        assertThat(Preprocessed.text("$A=x ${B}\n$B=y\nzz $A\n").texts()).containsExactly("zz x y");
    }

    @Test
    void blankBeforeTheEqualsSignMeansNotADefinition() {
        assertThat(Preprocessed.text("$A = 1\n").texts()).containsExactly("$A = 1");
    }

    @Test
    void leadingBlanksOfTheValueAreDropped() {
        assertThat(Preprocessed.text("$A=   1  \nzz_${A}x\n").texts()).containsExactly("zz_1x");
    }

    @Test
    void multiLineDefinitionExpandsToSeveralLinesAtItsUse() {
        Preprocessed p = Preprocessed.text("""
                $CHECK= \\
                  TCP_CHECK { \\
                    connect_timeout 3 \\
                  }
                real_server 10.0.0.1 80 {
                $CHECK
                }
                """);
        assertThat(p.texts()).containsExactly("real_server 10.0.0.1 80 {", "TCP_CHECK {", "connect_timeout 3", "}", "}");
        assertThat(p.lines()).extracting(l -> l.position().line()).containsExactly(5, 6, 6, 6, 7);
    }

    @Test
    void multiLineDefinitionEndsAtALineWithoutABackslash() {
        assertThat(Preprocessed.text("$M=zz_1 \\\n  zz_2 \\\nzz_3\nafter\n$M\n").texts())
                .containsExactly("after", "zz_1", "zz_2", "zz_3");
    }

    @Test
    void multiLineDefinitionIsNotExpandedInTheMiddleOfALine() {
        assertThat(Preprocessed.text("$M=a \\\nb\nx $M y\n").texts()).containsExactly("x $M y");
    }

    @Test
    void pwdIsTheDirectoryOfTheFileBeingRead(@TempDir Path dir) throws Exception {
        Path sub = Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("main.conf"), "zz ${_PWD}\ninclude conf.d/a.conf\n");
        Files.writeString(sub.resolve("a.conf"), "zz ${_PWD}\n");
        assertThat(Preprocessed.file(dir.resolve("main.conf")).texts())
                .containsExactly("zz " + dir.toAbsolutePath(), "zz " + sub.toAbsolutePath());
    }

    @Test
    void instanceIsTheConfigIdWithOrWithoutBraces() {
        assertThat(Preprocessed.text("zz_${_INSTANCE} zz_$_INSTANCE\n").texts()).containsExactly("zz_node1 zz_node1");
    }

    @Test
    void hashAndBangInsideQuotes() {
        assertThat(Preprocessed.text("x \"${_HASH}${_BANG}\"\n").texts()).containsExactly("x \"#!\"");
    }

    @Test
    void builtinThatTakesNoParametersIgnoresOnes() {
        assertThat(Preprocessed.text("zz ${_PWD 1}\n").texts()).containsExactly("zz ${_PWD 1}");
    }

    @Test
    void definitionOverridesABuiltin() {
        assertThat(Preprocessed.text("$_INSTANCE=other\nzz_${_INSTANCE}\n").texts()).containsExactly("zz_other");
    }

    @Test
    void randomIsReproducibleForASeed() {
        Definitions a = definitions(Limits.DEFAULT, 7);
        Definitions b = definitions(Limits.DEFAULT, 7);
        String line = "${_RANDOM} ${_RANDOM} ${_RANDOM}";
        assertThat(expand(a, line)).isEqualTo(expand(b, line));
    }

    @Test
    void randomDefaultsToZeroTo32767() {
        Definitions defs = definitions(Limits.DEFAULT, 1);
        IntStream.range(0, 2000).forEach(i ->
                assertThat(Long.parseLong(expand(defs, "${_RANDOM}"))).isBetween(0L, 32767L));
    }

    @Test
    void randomWithOneParameterTakesItAsTheMinimum() {
        // keepalived's get_random(): ${_RANDOM 7} gave 3881 on 2.2.7, so the single bound is MIN.
        Definitions defs = definitions(Limits.DEFAULT, 3);
        IntStream.range(0, 2000).forEach(i ->
                assertThat(Long.parseLong(expand(defs, "${_RANDOM 30000}"))).isBetween(30000L, 32767L));
    }

    @Test
    void randomWithTwoParametersStaysInRange() {
        Definitions defs = definitions(Limits.DEFAULT, 5);
        assertThat(expand(defs, "${_RANDOM 5 5}")).isEqualTo("5");
        IntStream.range(0, 2000).forEach(i ->
                assertThat(Long.parseLong(expand(defs, "${_RANDOM 10 12}"))).isBetween(10L, 12L));
        assertThat(Long.parseLong(expand(defs, "${_RANDOM 99999999999999999999 0}"))).isBetween(0L, 0xFFFF_FFFFL);
    }

    @Test
    void randomWithATrailingBlankIsNotAReference() {
        Definitions defs = definitions(Limits.DEFAULT, 5);
        assertThat(expand(defs, "${_RANDOM 5 }")).isEqualTo("${_RANDOM 5 }");
    }

    @Test
    void environmentBuiltinWarnsThatItIsNewerThan227() {
        Definitions defs = definitions(Limits.DEFAULT, 5);
        assertThat(expand(defs, "${_ENV HOME_DIR}")).isEqualTo("/home/ka");
        assertThat(diagnostics.all()).extracting(d -> d.code()).containsExactly("since-2.4");
    }

    @Test
    void mutualRecursionIsReportedWithTheChain() {
        Preprocessed p = Preprocessed.text("$A=$B\n$B=$A\nzz_$A\n");
        assertThat(p.codes()).containsExactly("recursive-definition");
        assertThat(p.first("recursive-definition").message()).contains("$A -> $B -> $A");
        assertThat(p.first("recursive-definition").position()).isEqualTo(Position.of("test.conf", 3, 1));
    }

    @Test
    void selfReferenceIsRecursion() {
        Preprocessed p = Preprocessed.text("$A=x $A\nzz $A\n");
        assertThat(p.codes()).containsExactly("recursive-definition");
    }

    @Test
    void recursionIsReportedOncePerLine() {
        Preprocessed p = Preprocessed.text("$A=$B $B $B $B\n$B=$A\nzz $A\nzz $A\n");
        assertThat(p.codes()).containsExactly("recursive-definition", "recursive-definition");
    }

    @Test
    void exponentialDefinitionsHitTheBudgetQuickly() {
        StringBuilder text = new StringBuilder("$D0=x\n");
        for (int i = 1; i <= 40; i++) {
            text.append("$D").append(i).append("=$D").append(i - 1).append(" $D").append(i - 1).append('\n');
        }
        text.append("zz $D40\nzz $D40\n");
        Preprocessed p = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Preprocessed.text(text.toString()));
        assertThat(p.codes()).contains("expansion-budget").doesNotHaveDuplicates();
    }

    @Test
    void deepChainOfDefinitionsHitsTheNestingBudgetNotTheJavaStack() {
        StringBuilder text = new StringBuilder("$D0=x\n");
        for (int i = 1; i <= 100_000; i++) {
            text.append("$D").append(i).append("=${D").append(i - 1).append("}\n");
        }
        text.append("zz $D100000\n");
        Preprocessed p = Preprocessed.text(text.toString());
        assertThat(p.codes()).containsExactly("expansion-budget");
        assertThat(p.first("expansion-budget").message()).contains("nested");
    }

    @Test
    void substitutionCountIsBudgeted() {
        Limits small = new Limits(32, 32, 1000, 100_000, 10, 10, 1_000_000, 16);
        Preprocessed p = Preprocessed.text("$A=a\n" + "zz $A $A $A $A\n".repeat(5), Preprocessed.withLimits(small));
        assertThat(p.codes()).containsExactly("expansion-budget");
    }

    @Test
    void doublingDefinitionsHitTheLineLengthLimit() {
        Limits small = new Limits(32, 32, 1000, 1000, 1_000_000, 10, 10_000_000, 16);
        StringBuilder text = new StringBuilder("$D0=" + "y".repeat(100) + "\n");
        for (int i = 1; i <= 10; i++) {
            text.append("$D").append(i).append("=$D").append(i - 1).append(" $D").append(i - 1).append('\n');
        }
        text.append("zz $D10\n");
        Preprocessed p = Preprocessed.text(text.toString(), Preprocessed.withLimits(small));
        assertThat(p.codes()).containsExactly("expansion-too-long");
        assertThat(p.lines().getFirst().text()).hasSize(1000);
    }

    @Test
    void lineOfUnclosedReferencesCostsLinearTime() {
        String text = "$A=1\nzz " + "${".repeat(1_000_000) + "\n";
        Preprocessed p = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Preprocessed.text(text));
        assertThat(p.lines()).hasSize(1);
    }
}
