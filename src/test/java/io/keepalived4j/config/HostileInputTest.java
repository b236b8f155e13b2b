package io.keepalived4j.config;

import io.keepalived4j.config.ConfigLoader.LoadResult;
import io.keepalived4j.config.syntax.Limits;
import io.keepalived4j.config.syntax.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static io.keepalived4j.config.HostileChecks.assertSane;
import static io.keepalived4j.config.HostileChecks.codes;
import static io.keepalived4j.config.HostileChecks.loadText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Named hostile inputs: each must load without an exception, and each budget must answer with
 * its documented diagnostic code (see {@link Limits}). Randomised inputs are in
 * {@link HostileFuzzTest}.
 */
class HostileInputTest {

    @TempDir
    Path dir;

    private static String sample(String name) {
        try (InputStream in = HostileInputTest.class.getResourceAsStream("/hostile/samples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static List<String> codeList(LoadResult r) {
        return r.diagnostics().all().stream().map(Diagnostic::code).toList();
    }

    // ---- braces and quotes ------------------------------------------------------------------

    @Test
    void lostOpeningBrace() {
        LoadResult r = loadText("vrrp_instance VI_1\n    state MASTER\n}\n");
        assertThat(r.diagnostics().hasErrors()).isTrue();
    }

    @Test
    void lostClosingBrace() {
        LoadResult r = loadText("global_defs {\n  router_id R1\n\nvrrp_instance VI_1 {\n  state MASTER\n");
        assertThat(codeList(r)).contains("missing-close-brace");
    }

    @Test
    void extraClosingBraces() {
        LoadResult r = loadText("}}}}\nglobal_defs {\n}\n}\n");
        assertThat(codeList(r)).contains("unexpected-close-brace");
    }

    @Test
    void bracesOnly() {
        loadText("{}{}{{}}}{\n{\n}\n}}{{");
    }

    @Test
    void unterminatedQuote() {
        LoadResult r = loadText("global_defs {\n  router_id \"R1\n  notification_email_from \"a@b\n}\n");
        assertThat(codeList(r)).contains("unmatched-quote");
    }

    @Test
    void quoteOpenAcrossManyLines() {
        loadText("vrrp_script s {\n script \"/bin/true\n interval 2 \"\n}\n".repeat(50));
    }

    @Test
    void fiveThousandNestedBraces() {
        LoadResult r = loadText("vrrp_instance VI_1 {\n".repeat(5000) + "}\n".repeat(5000));
        assertThat(codeList(r)).contains("too-deep");
    }

    @Test
    void fiveThousandUnclosedBraces() {
        LoadResult r = loadText("a {\n".repeat(5000));
        assertThat(codeList(r)).contains("too-deep");
        assertThat(r.diagnostics().all()).hasSizeLessThan(200);
    }

    @Test
    void twoMillionBracesOnOneLine() {
        LoadResult r = loadText("global_defs " + "{".repeat(2_000_000) + "\n" + "}".repeat(2_000_000));
        assertThat(codeList(r)).contains("too-deep");
    }

    @Test
    void hundredThousandExtraClosingBracesKeepFewMessages() {
        LoadResult r = loadText("}\n".repeat(100_000));
        assertThat(r.diagnostics().all()).hasSizeLessThanOrEqualTo(Diagnostics.MAX_KEPT);
    }

    // ---- big tokens and odd bytes -------------------------------------------------------------

    @Test
    void twoMegabyteTokens() {
        String big = "x".repeat(2 * 1024 * 1024);
        loadText(big + "\n");
        loadText("global_defs {\n router_id " + big + "\n}\n");
        loadText("global_defs {\n router_id \"" + big + "\"\n}\n");
        loadText("vrrp_instance " + big + " {\n}\n");
    }

    @Test
    void lineLongerThanTheLimitIsCutAndReported() {
        Limits small = new Limits(32, 32, 1000, 1000, 1000, 10, 10_000_000, 16);
        LoadResult r = loadText("global_defs {\n router_id " + "y".repeat(5000) + "\n}\n", small, "long line");
        assertThat(codeList(r)).contains("line-too-long");
    }

    @Test
    void binaryGarbageWithNulBytes() throws IOException {
        Random random = new Random(20240607L);
        for (int i = 0; i < 20; i++) {
            byte[] bytes = new byte[1 + random.nextInt(64 * 1024)];
            random.nextBytes(bytes);
            for (int j = 0; j < bytes.length; j += 1 + random.nextInt(50)) {
                bytes[j] = 0;
            }
            Path f = Files.write(dir.resolve("garbage" + i + ".bin"), bytes);
            HostileChecks.load(f, "garbage " + i);
        }
    }

    @Test
    void nulBytesInsideKeywords() {
        loadText("global_defs {\n router\u0000_id R1\n}\u0000\nvrrp_instance\u0000VI {\n}\n");
    }

    @Test
    void unicodeOddities() {
        loadText("\uFEFFglobal_defs {\n router_id \u202Eevil\u202C\n notification_email {\n \uD800 \uDFFF \u0085 \u2028\n }\n}\n");
    }

    @Test
    void emptyFile() throws IOException {
        LoadResult r = HostileChecks.load(write("empty.conf", ""), "empty file");
        assertThat(r.tree()).isEmpty();
        assertThat(loadText("").tree()).isEmpty();
    }

    @Test
    void fileOfOnlyComments() {
        LoadResult r = loadText("! keepalived.conf\n# nothing here\n   ! indented\n\t# tab\n\n");
        assertThat(r.tree()).isEmpty();
        assertThat(r.diagnostics().hasErrors()).isFalse();
    }

    @Test
    void crlfLineEndingsGiveTheSameTreeAsLf() {
        String lf = sample("vrrp.conf");
        LoadResult a = loadText(lf);
        LoadResult b = loadText(lf.replace("\n", "\r\n"));
        assertThat(texts(b.tree())).isEqualTo(texts(a.tree()));
        assertThat(codeList(b)).isEqualTo(codeList(a));
    }

    @Test
    void oldMacLineEndingsAreOneLongLine() {
        loadText(sample("sample.conf").replace("\n", "\r"));
    }

    private static List<String> texts(List<Node> nodes) {
        List<String> out = new ArrayList<>();
        for (Node n : nodes) {
            out.add(n.position().line() + ":" + n.text());
            if (n.isBlock()) {
                out.addAll(texts(n.children()));
            }
        }
        return out;
    }

    // ---- includes ---------------------------------------------------------------------------

    @Test
    void includeCycleOfTwoFiles() throws IOException {
        Path a = write("a.conf", "global_defs {\n router_id A\n}\ninclude b.conf\n");
        write("b.conf", "include a.conf\n");
        LoadResult r = HostileChecks.load(a, "a->b->a");
        assertThat(codeList(r)).contains("include-cycle");
    }

    @Test
    void selfInclude() throws IOException {
        Path a = write("self.conf", "include self.conf\n");
        assertThat(codeList(HostileChecks.load(a, "self include"))).contains("include-cycle");
    }

    @Test
    void globIncludingItself() throws IOException {
        Path a = write("x.conf", "include *.conf\n");
        write("y.conf", "include *.conf\n");
        assertThat(codeList(HostileChecks.load(a, "glob self include"))).contains("include-cycle");
    }

    @Test
    void includeDepthBeyondTheLimit() throws IOException {
        int n = Limits.DEFAULT.maxIncludeDepth() + 10;
        for (int i = 0; i < n; i++) {
            write("d" + i + ".conf", "include d" + (i + 1) + ".conf\n");
        }
        assertThat(codeList(HostileChecks.load(dir.resolve("d0.conf"), "deep includes"))).contains("include-depth");
    }

    @Test
    void includeFanOutStopsAtTheFileBudget() throws IOException {
        for (int i = 0; i < 25; i++) {
            write("f" + i + ".conf", ("include f" + (i + 1) + ".conf\n").repeat(3));
        }
        write("f25.conf", "global_defs {\n}\n");
        assertThat(codeList(HostileChecks.load(dir.resolve("f0.conf"), "fan out"))).contains("too-many-files");
    }

    @Test
    void includesOfSpecialFiles() throws IOException {
        Path a = write("special.conf", "include /dev/zero\ninclude /dev/urandom\ninclude /proc/self/status\n"
                + "include /\ninclude /proc/*/nonexistent\ninclude " + dir + "\n");
        HostileChecks.load(a, "special files");
    }

    @Test
    void rootThatIsADeviceOrDirectory() {
        HostileChecks.load(Path.of("/dev/zero"), "/dev/zero");
        HostileChecks.load(dir, "directory");
        HostileChecks.load(dir.resolve("missing.conf"), "missing");
    }

    // ---- definitions and loops ----------------------------------------------------------------

    @Test
    void mutuallyRecursiveDefinitions() {
        assertThat(codeList(loadText("$A=$B\n$B=$A\nglobal_defs {\n router_id $A\n}\n"))).contains("recursive-definition");
    }

    @Test
    void exponentialDefinitionsFortyLevels() {
        StringBuilder text = new StringBuilder("$A0=x\n");
        for (int i = 1; i <= 40; i++) {
            text.append("$A").append(i).append("=$A").append(i - 1).append(" $A").append(i - 1).append('\n');
        }
        text.append("global_defs {\n router_id $A40\n}\n");
        LoadResult r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> loadText(text.toString()));
        assertThat(codeList(r)).contains("expansion-budget");
    }

    @Test
    void hundredMillionLineSequenceIsRefusedFast() {
        LoadResult r = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> loadText("global_defs {\n~SEQ(i, 1, 100000000) zz_$i\n}\n"));
        assertThat(codeList(r)).contains("loop-too-long");
    }

    @Test
    void nestedSequencesWithAHugeProductAreRefusedFast() {
        LoadResult r = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> loadText("~SEQ(a, 100000) ~SEQ(b, 100000) ~SEQ(c, 100000) zz_$a\n"));
        assertThat(codeList(r)).contains("loop-too-long");
    }

    @Test
    void loopThatIncludesItsOwnFile() throws IOException {
        Path a = write("loop.conf", "~SEQ(i, 1000) include loop.conf\n");
        assertThat(codeList(HostileChecks.load(a, "loop include"))).contains("include-cycle");
    }

    @Test
    void definitionExpandingToALoopOfItself() {
        assertThat(codeList(loadText("$L=~SEQ(i, 3) $L\n$L\n"))).contains("loop-too-deep");
    }

    @Test
    void tooManyLinesFromMultiLineDefinitions() {
        Limits small = new Limits(32, 32, 5_000, 1 << 20, 1_000_000, 100, 10_000_000, 64);
        String text = "$M=zz \\\n" + "zz \\\n".repeat(100) + "zz\n" + "$M\n".repeat(100);
        assertThat(codeList(loadText(text, small, "multi-line"))).contains("too-many-lines");
    }

    @Test
    void tooManyPhysicalLines() {
        Limits small = new Limits(32, 32, 5_000, 1 << 20, 1_000_000, 100, 10_000_000, 64);
        assertThat(codeList(loadText("\n".repeat(10_000), small, "blank lines"))).contains("too-many-lines");
    }

    @Test
    void tooManyLinesWithDefaultLimits() throws IOException {
        // 100,000 lines included 25 times: past the 2,000,000 lines of Limits.DEFAULT. Comment lines
        // count as read but produce nothing, which keeps the test quick.
        write("big.conf", "! comment\n".repeat(100_000));
        Path main = write("main.conf", "include big.conf\n".repeat(25));
        LoadResult r = HostileChecks.load(main, "2.5M lines");
        assertThat(codeList(r)).contains("too-many-lines");
    }

    @Test
    void unclosedReferencesAndDollarsCostLinearTime() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            loadText("$A=1\nglobal_defs {\n router_id " + "${".repeat(1_000_000) + "\n}\n");
            loadText("$A=1\nglobal_defs {\n router_id " + "$".repeat(2_000_000) + "\n}\n");
            loadText("$A=1\nglobal_defs {\n router_id " + "${A ".repeat(500_000) + "\n}\n");
        });
    }

    @Test
    void chainOfHundredThousandDefinitions() {
        StringBuilder text = new StringBuilder("$D0=x\n");
        for (int i = 1; i <= 100_000; i++) {
            text.append("$D").append(i).append("=$D").append(i - 1).append('\n');
        }
        text.append("global_defs {\n router_id $D100000\n}\n");
        assertThat(codeList(loadText(text.toString()))).contains("expansion-budget");
    }

    @Test
    void everyBudgetCodeIsReachable() {
        // The codes that Limits documents, each produced by the smallest input that reaches it.
        Limits tiny = new Limits(2, 2, 50, 100, 20, 5, 2_000, 4);
        assertThat(codeList(loadText("a {\n b {\n c {\n }\n }\n}\n", tiny, "depth"))).contains("too-deep");
        assertThat(codeList(loadText("$A=a a\n$B=$A $A $A $A $A $A $A $A\nx $B $B $B\n", tiny, "steps")))
                .contains("expansion-budget");
        assertThat(codeList(loadText("~SEQ(i, 51) x\n", tiny, "loop"))).contains("loop-too-long");
        assertThat(codeList(loadText("~SEQ(a, 1) ~SEQ(b, 1) ~SEQ(c, 1) ~SEQ(d, 1) ~SEQ(e, 1) x\n", tiny, "nest")))
                .contains("loop-too-deep");
        assertThat(codeList(loadText("x\n".repeat(60), tiny, "lines"))).contains("too-many-lines");
        assertThat(codeList(loadText("x".repeat(3000), tiny, "text"))).contains("too-much-text");
        assertThat(codeList(loadText("x".repeat(150), tiny, "line"))).contains("line-too-long");
    }

    // ---- the Java stack -------------------------------------------------------------------------

    @Test
    void deepInputsFitInASmallThreadStack() throws Exception {
        // The CLI runs with the JVM's default stack (1 MiB); every deep input must fit in a quarter of it.
        List<Supplier<String>> inputs = List.of(
                () -> "a {\n".repeat(5000),
                () -> "{".repeat(100_000),
                () -> "~SEQ(a, 1) ".repeat(50_000) + "x\n",
                () -> "$L=~SEQ(i, 1) $L\n$L\n",
                () -> {
                    StringBuilder t = new StringBuilder("$D0=x\n");
                    for (int i = 1; i <= 20_000; i++) {
                        t.append("$D").append(i).append("=${D").append(i - 1).append("}\n");
                    }
                    return t.append("x $D20000\n").toString();
                });
        for (Supplier<String> input : inputs) {
            String text = input.get();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicReference<LoadResult> result = new AtomicReference<>();
            Thread t = new Thread(null, () -> {
                try {
                    result.set(ConfigLoader.loadText("deep.conf", text, HostileChecks.options(Limits.DEFAULT, 1)));
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "small-stack", 256 * 1024);
            t.start();
            t.join(HostileChecks.SAFETY_NET.toMillis());
            assertThat(t.isAlive()).as("still running").isFalse();
            assertThat(failure.get()).isNull();
            assertSane(result.get(), "small stack: " + text.substring(0, Math.min(40, text.length())));
        }
    }

    @Test
    void realSamplesLoadCleanlyEnoughToBeFuzzSeeds() {
        for (String name : HostileFuzzTest.sampleNames()) {
            LoadResult r = loadText(sample(name), Limits.DEFAULT, name);
            assertThat(r.tree()).as(name).isNotEmpty();
            assertThat(codes(r)).as(name).doesNotContain("too-deep", "expansion-budget", "loop-too-long");
        }
    }
}
