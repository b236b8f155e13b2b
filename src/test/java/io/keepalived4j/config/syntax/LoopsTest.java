package io.keepalived4j.config.syntax;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * ~SEQ and ~LST as keepalived 2.2.7 runs them. Each expected list was read from
 * {@code keepalived -t} on the same header with {@code zz_$i} as the repeated text, in a network
 * namespace: "Unknown keyword 'zz_4'" and so on, in order.
 */
class LoopsTest {

    private static List<String> expand(String text) {
        Preprocessed p = Preprocessed.text(text);
        assertThat(p.diagnostics().all()).as("diagnostics").isEmpty();
        return p.texts();
    }

    private static String error(String header) {
        Preprocessed p = Preprocessed.text(header + "\n");
        assertThat(p.lines()).isEmpty();
        return p.first("bad-loop").message();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            "~SEQ(i, 3) zz_$i;          zz_1 zz_2 zz_3",
            "~SEQ(i, 0) zz_$i;          zz_1 zz_0",
            "~SEQ(i, -2) zz_$i;         zz_-1 zz_-2",
            "~SEQ(i, 2, 4) zz_$i;       zz_2 zz_3 zz_4",
            "~SEQ(i, 4, 2) zz_$i;       zz_4 zz_3 zz_2",
            "~SEQ(i, 1, 3, 8) zz_$i;    zz_1 zz_4 zz_7",
            "~SEQ(i, 1, 2, 5) zz_$i;    zz_1 zz_3 zz_5",
            "~SEQ(i, 3, 1, 3) zz_$i;    zz_3",
            "~SEQ(i, 5, -2, 1) zz_$i;   zz_5 zz_3 zz_1",
            "~SEQ(i, 0x10, 0x11) zz_$i; zz_16 zz_17",
            "~SEQ(i, 010, 011) zz_$i;   zz_8 zz_9",
            "~SEQ(i, , 2) zz_$i;        zz_0 zz_1 zz_2",
            "~SEQx(i, 9, 12) zz_$i;     zz_9 zz_a zz_b zz_c",
            "~SEQx(i, 0x9, 0xb) zz_$i;  zz_9 zz_a zz_b",
            "~SEQ (i, 2) zz_$i;         zz_1 zz_2",
            "~SEQ(i, 2)zz_$i;           zz_1 zz_2",
            "~SEQ( i , 2 ) zz_$i;       zz_1 zz_2",
            "~SEQ(i, 2) zz_${i}x;       zz_1x zz_2x",
            "~SEQ(i, 2) zz_$ix;         zz_$ix zz_$ix",
            "~SEQ(i,1,2) zz_$i,x;       zz_1,x zz_2,x",
            "~SEQ(1i, 2) zz_$i;         zz_$i zz_$i",
            "~SEQ(i, 1, 2) zz${i}x;     zz1x zz2x",
    })
    void sequenceMatchesKeepalived(String header, String expected) {
        assertThat(expand(header + "\n")).containsExactlyElementsOf(Arrays.asList(expected.split(" ")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "~SEQ(i, 1, 0, 3) zz_$i;   Invalid ~SEQ values",
            "~SEQ(i, 1, -1, 3) zz_$i;  Invalid ~SEQ values",
            "~SEQ(i) zz_$i;            Invalid ~SEQ definition",
            "~SEQ(, 3) zz_$i;          Invalid ~SEQ definition",
            "~SEQ(i, a, 3) zz_$i;      Invalid ~SEQ definition",
            "~SEQ(i, 1 2) zz_$i;       Invalid ~SEQ definition",
            "~SEQ(i, 08) zz_$i;        Invalid ~SEQ definition",
            "~SEQ(i, 1, 2, 3, 4) x;    Invalid ~SEQ definition",
            "~SEQx(i, -1, 2) zz_$i;    ~SEQx is only valid for positive numbers",
            "~SEQ i, 2 zz_$i;          Invalid ~SEQ specification",
            "~SEQ(i, 2 zz_$i;          Invalid ~SEQ specification",
            "~SEQUENCE x;              Invalid ~SEQ specification",
    })
    void invalidSequenceIsRefusedWithKeepalivedsReason(String header, String reason) {
        assertThat(error(header)).startsWith(reason);
    }

    @Test
    void indentedHeaderIsALoopToo() {
        assertThat(expand("    ~SEQ(i, 1, 2) zz_$i\n\t~LST(j, a) y_$j\n")).containsExactly("zz_1", "zz_2", "y_a");
    }

    @Test
    void sequenceWithoutRestProducesNothing() {
        assertThat(expand("~SEQ(i, 1, 2)\n")).isEmpty();
    }

    @Test
    void sequenceParametersMayBeDefinitions() {
        assertThat(expand("$N=3\n~SEQ(i, $N) zz_$i\n~SEQ(j, ${N}) y_$j\n"))
                .containsExactly("zz_1", "zz_2", "zz_3", "y_1", "y_2", "y_3");
    }

    @Test
    void nestedLoopsRunTheFirstAsTheOuter() {
        assertThat(expand("~SEQ(i, 1, 2) ~SEQ(j, 1, 2) zz_${i}_$j\n"))
                .containsExactly("zz_1_1", "zz_1_2", "zz_2_1", "zz_2_2");
        assertThat(expand("~SEQ(j, 2) ~LST(i, a, b) zz_${i}_$j\n"))
                .containsExactly("zz_a_1", "zz_b_1", "zz_a_2", "zz_b_2");
    }

    @Test
    void innerLoopMayUseTheOuterVariable() {
        assertThat(expand("~SEQ(i, 3) ~LST(j, $i) zz_$j\n")).containsExactly("zz_1", "zz_2", "zz_3");
        assertThat(expand("~SEQ(i, 3) ~SEQ(j, $i) x_${i}_$j\n"))
                .containsExactly("x_1_1", "x_2_1", "x_2_2", "x_3_1", "x_3_2", "x_3_3");
    }

    @Test
    void variableKeepsItsLastValueAfterTheLoop() {
        assertThat(expand("~SEQ(i,2) zz_$i\nzz_after_$i\n")).containsExactly("zz_1", "zz_2", "zz_after_2");
        assertThat(expand("~LST(i, a, b) zz_$i\nzz_after_$i\n")).containsExactly("zz_a", "zz_b", "zz_after_b");
    }

    @Test
    void definitionWhoseValueIsALoopRunsIt() {
        assertThat(expand("$L=~SEQ(i, 2) zz_$i\n$L\n")).containsExactly("zz_1", "zz_2");
    }

    @Test
    void loopBlocksBuildARealConfiguration() {
        assertThat(expand("""
                ~SEQ(n, 2) vrrp_instance VI_$n { virtual_router_id $n }
                """)).containsExactly("vrrp_instance VI_1 { virtual_router_id 1 }", "vrrp_instance VI_2 { virtual_router_id 2 }");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            "~LST(i, a, b) zz_$i;                              zz_a zz_b",
            "~LST(i, a) zz_$i;                                 zz_a",
            "~LST(i, 10.0.0.1/24, a-b) zz_$i;                  zz_10.0.0.1/24 zz_a-b",
            "~LST({a,b}, {1,2}, {3,4}) zz_${a}_$b;             zz_1_2 zz_3_4",
            "~LST( {a , b} , { 1 , 2 } ) zz_${a}_$b;           zz_1_2",
            "~LST({a,b}, {1,2}, {3}) zz_${a}_$b;               zz_1_2 zz_3_",
            "~LST({a,b}, 1, 2) zz_${a}_$b;                     zz_1_ zz_2_",
            "~LST(i, {a}) zz_$i;                               zz_a",
            "~LST (i, a, b) zz_$i;                             zz_a zz_b",
            "~LST(i, a)zz_$i;                                  zz_a",
            "~LST(i, a, b ) zz_$i;                             zz_a zz_b",
            "~LST({a,b,c,d,e,f,g,h,i,j}, {1,2,3,4,5,6,7,8,9,10}) zz_$j; zz_10",
            "~LST({}, {}) zz_x;                                zz_x",
    })
    void listMatchesKeepalived(String header, String expected) {
        assertThat(expand(header + "\n")).containsExactlyElementsOf(Arrays.asList(expected.split(" ")));
    }

    @Test
    void listMayHaveAnEmptyValue() {
        assertThat(expand("~LST(i, ,b) zz_$i\n")).containsExactly("zz_", "zz_b");
    }

    @Test
    void listValuesMayBeDefinitions() {
        assertThat(expand("$V=x\n~LST(i, $V, y) zz_$i\n")).containsExactly("zz_x", "zz_y");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "~LST(i) zz_$i;                          Invalid ~LST specification",
            "~LST(i, \"a b\", c) zz_$i;              Invalid ~LST specification",
            "~LST(i, a b, c) zz_$i;                  Invalid ~LST specification",
            "~LST(i, a}, c) zz_$i;                   Invalid ~LST specification",
            "~LST({i,j}, {1,2}{3,4}) zz_$i;          Invalid ~LST specification",
            "~LST(i, a, b;                           Invalid ~LST specification",
            "~LSTx(i, a) zz_$i;                      Invalid ~LST specification",
            "~LST(i, {a,b}) zz_$i;                   ~LST specification has too many values",
            "~LST({a,b}, {1,2,5}) zz_${a}_$b;        ~LST specification has too many values",
    })
    void invalidListIsRefusedWithKeepalivedsReason(String header, String reason) {
        assertThat(error(header)).startsWith(reason);
    }

    @Test
    void hundredMillionLineSequenceIsRefusedBeforeAnythingIsGenerated() {
        Preprocessed p = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> Preprocessed.text("~SEQ(i, 1, 100000000) zz_$i\n"));
        assertThat(p.lines()).isEmpty();
        assertThat(p.codes()).containsExactly("loop-too-long");
        assertThat(p.first("loop-too-long").message()).contains("100000000");
    }

    @Test
    void nestedLoopsWhoseProductIsTooLongAreRefusedUpFront() {
        Preprocessed p = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> Preprocessed.text("~SEQ(a, 10000) ~SEQ(b, 10000) zz_${a}_$b\n"));
        assertThat(p.lines()).isEmpty();
        assertThat(p.codes()).containsExactly("loop-too-long");
    }

    @Test
    void loopsAfterARefusedLoopStillRun() {
        Preprocessed p = Preprocessed.text("~SEQ(i, 100000000) x\n$L=~SEQ(i, 100000000) y\n$L\n~SEQ(i, 2) zz_$i\n"
                + "~SEQ(i, 2) ~LST(j) bad\n~LST(k, a) ok_$k\n");
        assertThat(p.texts()).containsExactly("zz_1", "zz_2", "ok_a");
        assertThat(p.codes()).containsExactly("loop-too-long", "loop-too-long", "bad-loop");
    }

    @Test
    void invalidHeaderInsideALoopIsReportedOnce() {
        Preprocessed p = Preprocessed.text("~SEQ(i, 1000) ~SEQ(j, 1, 0, 5) x\n");
        assertThat(p.codes()).containsExactly("bad-loop");
    }

    @Test
    void loopsWhoseTextProducesNothingAreStillBudgeted() {
        Limits small = new Limits(32, 32, 1000, 10_000, 10_000, 10, 1_000_000, 16);
        // The inner loop comes from a definition, so the outer loop's estimate cannot see it, and it repeats nothing.
        Preprocessed p = Preprocessed.text("$E=~SEQ(j, 2)\n~SEQ(i, 900) $E\n", Preprocessed.withLimits(small));
        assertThat(p.lines()).isEmpty();
        assertThat(p.codes()).containsExactly("loop-too-long");
        assertThat(p.first("loop-too-long").message()).contains("iterations");
    }

    @Test
    void longestPossibleSequenceIsRefused() {
        Preprocessed p = Preprocessed.text("~SEQ(i, -9223372036854775808, 9223372036854775807) x\n");
        assertThat(p.codes()).containsExactly("loop-too-long");
        assertThat(p.first("loop-too-long").message()).contains("too many");
    }

    @Test
    void definitionThatExpandsToItselfAsALoopIsStoppedByTheNestingBudget() {
        Preprocessed p = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Preprocessed.text("$L=~SEQ(i, 2) $L\n$L\n"));
        assertThat(p.codes()).contains("loop-too-deep").doesNotHaveDuplicates();
    }

    @Test
    void manyLoopHeadersInOneLineAreStoppedByTheNestingBudget() {
        Preprocessed p = Preprocessed.text("~SEQ(a, 1) ".repeat(100_000) + "x\n");
        assertThat(p.codes()).containsExactly("keepalived-line-limit", "loop-too-deep");
    }

    @Test
    void sequenceCountSaturatesInsteadOfOverflowing() {
        assertThat(new Loops.Sequence(Long.MIN_VALUE, 1, Long.MAX_VALUE, false).count()).isEqualTo(Long.MAX_VALUE);
        assertThat(new Loops.Sequence(1, 1, 3, false).count()).isEqualTo(3);
        assertThat(new Loops.Sequence(9, 1, 12, true).valueAt(3)).isEqualTo("c");
    }

    @ParameterizedTest(name = "strtol({0}) = {1}")
    @CsvSource(delimiter = ';', value = {
            "42; 42", " -7 ; -7", "+3; 3", "0x1F; 31", "0XfF; 255", "017; 15", "0; 0", "''; 0",
            "99999999999999999999; 9223372036854775807", "-99999999999999999999; -9223372036854775808",
    })
    void numbersAreReadLikeStrtolBaseZero(String text, long value) {
        assertThat(Loops.CLong.parse(text)).contains(value);
    }

    @ParameterizedTest
    @CsvSource({"0x", "08", "1a", "--1", "1 2", "\u0661"})
    void textAfterTheNumberIsNotANumber(String text) {
        assertThat(Loops.CLong.parse(text)).isEqualTo(Optional.empty());
    }
}
