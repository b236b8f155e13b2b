package io.keepalived4j.config;

import io.keepalived4j.config.schema.Keywords;
import io.keepalived4j.config.syntax.Limits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * Seeded random hostile inputs: mutated real sample configurations, token soup built from the
 * keyword tables, binary garbage, preprocessor soup (definitions, loops, conditionals) and random
 * include graphs. Every case must load without an internal error, with well-formed diagnostics
 * (see {@link HostileChecks}).
 *
 * <p>The run's base seed is printed; each case's own seed is in its display name. To replay:
 * {@code -Dhostile.seed=BASE} repeats a whole run, {@code -Dhostile.case=SEED} runs only that case
 * (in every category), {@code -Dhostile.scale=10} runs ten times as many cases.
 */
class HostileFuzzTest {

    static final long BASE_SEED = Long.getLong("hostile.seed", new SplittableRandom().nextLong());
    private static final Long ONLY_CASE = Long.getLong("hostile.case");
    private static final double SCALE = Double.parseDouble(System.getProperty("hostile.scale", "1"));

    private static final List<String> SAMPLES = loadSamples();
    private static final List<String> KEYWORDS = List.copyOf(Keywords.get().allKeywords());

    @BeforeAll
    static void printSeed() {
        System.out.println("HostileFuzzTest base seed " + BASE_SEED + " (replay with -Dhostile.seed=" + BASE_SEED + ")");
    }

    // ---- cases --------------------------------------------------------------------------------

    static LongStream mutationSeeds() {
        return seeds(1, 1000);
    }

    static LongStream soupSeeds() {
        return seeds(2, 700);
    }

    static LongStream garbageSeeds() {
        return seeds(3, 200);
    }

    static LongStream directiveSeeds() {
        return seeds(4, 700);
    }

    static LongStream includeSeeds() {
        return seeds(5, 50);
    }

    @ParameterizedTest(name = "mutated sample, case seed {0}")
    @MethodSource("mutationSeeds")
    void mutatedSampleConfigurations(long seed) {
        Random r = new Random(seed);
        String text = mutate(SAMPLES.get(r.nextInt(SAMPLES.size())), r);
        HostileChecks.loadText(text, Limits.DEFAULT, "mutation seed " + seed);
    }

    @ParameterizedTest(name = "keyword soup, case seed {0}")
    @MethodSource("soupSeeds")
    void keywordSoup(long seed) {
        HostileChecks.loadText(soup(new Random(seed)), Limits.DEFAULT, "soup seed " + seed);
    }

    @ParameterizedTest(name = "binary garbage, case seed {0}")
    @MethodSource("garbageSeeds")
    void binaryGarbage(long seed, @TempDir Path dir) throws IOException {
        Random r = new Random(seed);
        byte[] bytes = garbage(r);
        if (r.nextBoolean()) {
            Path f = Files.write(dir.resolve("garbage.conf"), bytes);
            HostileChecks.load(f, "garbage file seed " + seed);
        } else {
            HostileChecks.loadText(new String(bytes, r.nextBoolean() ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8),
                    Limits.DEFAULT, "garbage text seed " + seed);
        }
    }

    @ParameterizedTest(name = "preprocessor soup, case seed {0}")
    @MethodSource("directiveSeeds")
    void preprocessorSoup(long seed) {
        HostileChecks.loadText(directives(new Random(seed)), Limits.DEFAULT, "directives seed " + seed);
    }

    @ParameterizedTest(name = "include graph, case seed {0}")
    @MethodSource("includeSeeds")
    void randomIncludeGraphs(long seed, @TempDir Path dir) throws IOException {
        Random r = new Random(seed);
        int files = 2 + r.nextInt(7);
        Files.createDirectories(dir.resolve("sub"));
        for (int i = 0; i < files; i++) {
            StringBuilder text = new StringBuilder();
            int lines = 1 + r.nextInt(10);
            for (int l = 0; l < lines; l++) {
                text.append(switch (r.nextInt(6)) {
                    case 0, 1 -> "include " + includeTarget(r, files);
                    case 2 -> "~SEQ(i, 0, " + r.nextInt(files) + ") include f${i}.conf";
                    case 3 -> directiveLine(r);
                    default -> soupLine(r);
                }).append('\n');
            }
            Path where = r.nextInt(4) == 0 ? dir.resolve("sub") : dir;
            Files.writeString(where.resolve("f" + i + ".conf"), text);
            if (!where.equals(dir)) {
                Files.writeString(dir.resolve("f" + i + ".conf"), "include sub/f" + i + ".conf\n");
            }
        }
        // Random graphs are often exponential; a smaller file budget keeps each case quick (the default of
        // 10,000 files is exercised by HostileInputTest.includeFanOutStopsAtTheFileBudget).
        Limits d = Limits.DEFAULT;
        Limits fewerFiles = new Limits(d.maxIncludeDepth(), d.maxBlockDepth(), d.maxLines(), d.maxLineLength(),
                d.maxExpansionSteps(), 300, d.maxTotalChars(), d.maxNesting());
        HostileChecks.load(dir.resolve("f0.conf"), fewerFiles, "include graph seed " + seed);
    }

    // ---- generators ---------------------------------------------------------------------------

    private static final String HOSTILE_CHARS = "{}\"'#!\\$~@(),=\n\r\t \u0000\u00a0\u0085\u2028\uFEFF\uD800";

    private static final String[] SNIPPETS = {
        "{", "}", "}}", "{{", "\"", "#", "!", "\\", "\\#", "\\!", "$A=$B", "$B=$A", "$A", "${A}", "${", "$",
        "$A=x \\", "$M=a \\\nb \\\nc", "$M", "${_RANDOM 1 5}", "${_RANDOM 99999999999999999999}", "${_PWD}",
        "${_INSTANCE}", "${_HASH}", "${_BANG}", "${_ENV PATH}", "~SEQ(i, 3) zz_$i", "~SEQ(i, 100000000) x",
        "~SEQx(i, 0, 0xffffffffffff) x", "~SEQ(i, 1, 0, 5) x", "~LST({a,b}, {1,2}, {3}) $a $b", "~LST(i) x",
        "~SEQ(a, 3000) ~SEQ(b, 3000) x", "@node1 ", "@^node1 ", "@other ", "include /nonexistent/*.conf",
        "include /dev/zero", "include [", "include hostile.conf", "\u0000", "\r", "\u00ff", "\uFEFF",
        "virtual_ipaddress {", "real_server 10.0.0.1 80 {", "vrrp_instance VI_9 {", "TCP_CHECK {",
        "virtual_server 10.0.0.1 80 {", "track_script {", "authentication {", "state MASTER", "priority 300",
        "virtual_router_id 0", "advert_int -1", "delay_loop 1e999", "weight -99999999999",
    };

    static String mutate(String text, Random r) {
        StringBuilder sb = new StringBuilder(text);
        int ops = 1 + r.nextInt(6);
        for (int op = 0; op < ops; op++) {
            int len = sb.length();
            int at = len == 0 ? 0 : r.nextInt(len + 1);
            switch (r.nextInt(10)) {
                case 0 -> sb.delete(at, Math.min(len, at + 1 + r.nextInt(60)));
                case 1 -> sb.insert(at, sb.substring(at, Math.min(len, at + 1 + r.nextInt(200))));
                case 2 -> {
                    for (int i = 1 + r.nextInt(20); i > 0; i--) {
                        sb.insert(at, HOSTILE_CHARS.charAt(r.nextInt(HOSTILE_CHARS.length())));
                    }
                }
                case 3 -> sb.insert(lineStart(sb, at), SNIPPETS[r.nextInt(SNIPPETS.length)] + "\n");
                case 4 -> swapLines(sb, r);
                case 5 -> sb.setLength(at);
                case 6 -> {
                    if (len > 0) {
                        sb.setCharAt(Math.min(at, len - 1), (char) r.nextInt(0x10000));
                    }
                }
                case 7 -> {
                    char victim = "{}\"\n!#".charAt(r.nextInt(6));
                    String s = sb.toString().replace(String.valueOf(victim), "");
                    sb.setLength(0);
                    sb.append(s);
                }
                case 8 -> {
                    int start = lineStart(sb, at);
                    int end = sb.indexOf("\n", start);
                    String line = sb.substring(start, end < 0 ? sb.length() : end) + "\n";
                    sb.insert(start, line.repeat(1 + r.nextInt(50)));
                }
                default -> sb.insert(at, " " + KEYWORDS.get(r.nextInt(KEYWORDS.size())) + " ");
            }
        }
        return sb.toString();
    }

    private static int lineStart(StringBuilder sb, int at) {
        int i = Math.min(at, sb.length());
        while (i > 0 && sb.charAt(i - 1) != '\n') {
            i--;
        }
        return i;
    }

    private static void swapLines(StringBuilder sb, Random r) {
        String[] lines = sb.toString().split("\n", -1);
        if (lines.length < 2) {
            return;
        }
        int a = r.nextInt(lines.length);
        int b = r.nextInt(lines.length);
        String t = lines[a];
        lines[a] = lines[b];
        lines[b] = t;
        sb.setLength(0);
        sb.append(String.join("\n", lines));
    }

    static String soup(Random r) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        int lines = 5 + r.nextInt(300);
        for (int l = 0; l < lines; l++) {
            if (depth > 0 && r.nextInt(5) == 0) {
                sb.append("}\n");
                depth--;
                continue;
            }
            sb.append(soupLine(r));
            if (depth < 8 && r.nextInt(3) == 0) {
                sb.append(r.nextBoolean() ? " {" : "\n{");
                depth++;
            }
            sb.append(r.nextInt(20) == 0 ? "\r\n" : "\n");
        }
        // Leave the braces unbalanced now and then.
        if (r.nextBoolean()) {
            sb.append("}\n".repeat(depth + r.nextInt(2)));
        }
        return sb.toString();
    }

    private static String soupLine(Random r) {
        StringBuilder sb = new StringBuilder(KEYWORDS.get(r.nextInt(KEYWORDS.size())));
        for (int a = r.nextInt(6); a > 0; a--) {
            sb.append(' ').append(argument(r));
        }
        return sb.toString();
    }

    private static String argument(Random r) {
        return switch (r.nextInt(16)) {
            case 0 -> Integer.toString(r.nextInt(300));
            case 1 -> Long.toString(r.nextLong());
            case 2 -> "10." + r.nextInt(300) + "." + r.nextInt(256) + "." + r.nextInt(256);
            case 3 -> "10.0.0." + r.nextInt(256) + "/" + r.nextInt(40);
            case 4 -> "fe80::" + Integer.toHexString(r.nextInt(0x10000)) + "/64";
            case 5 -> "eth" + r.nextInt(5);
            case 6 -> "dev";
            case 7 -> r.nextBoolean() ? "on" : "off";
            case 8 -> "\"/usr/bin/script " + r.nextInt(9) + " 'a b'\"";
            case 9 -> Double.toString(r.nextDouble() * 100);
            case 10 -> KEYWORDS.get(r.nextInt(KEYWORDS.size()));
            case 11 -> "0x" + Integer.toHexString(r.nextInt());
            case 12 -> "-" + r.nextInt(1000);
            case 13 -> "{";
            case 14 -> "}";
            default -> "x".repeat(r.nextInt(3) == 0 ? r.nextInt(5000) : r.nextInt(10));
        };
    }

    static byte[] garbage(Random r) {
        byte[] bytes = new byte[r.nextInt(20_000)];
        byte[] structural = "{}\"#!\\$~@(),= \n\r\t".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i++) {
            int k = r.nextInt(10);
            bytes[i] = switch (k) {
                case 0, 1, 2 -> (byte) r.nextInt(256);
                case 3, 4 -> structural[r.nextInt(structural.length)];
                case 5 -> 0;
                case 6 -> '\n';
                default -> (byte) (' ' + r.nextInt(95));
            };
        }
        return bytes;
    }

    private static final String[] NAMES = {"A", "B", "C", "i", "j", "L", "_INSTANCE", "_PWD"};

    static String directives(Random r) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (int l = 1 + r.nextInt(40); l > 0; l--) {
            if (r.nextInt(8) == 0) {
                sb.append(depth > 0 && r.nextBoolean() ? "}" : "vrrp_instance VI_$i {");
                depth += sb.charAt(sb.length() - 1) == '{' ? 1 : -1;
            } else {
                sb.append(directiveLine(r));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String directiveLine(Random r) {
        String name = NAMES[r.nextInt(NAMES.length)];
        return switch (r.nextInt(12)) {
            case 0, 1 -> "$" + name + "=" + value(r);
            case 2 -> "$" + name + "=" + value(r) + " \\\n  " + value(r) + (r.nextBoolean() ? " \\\n" + value(r) : "");
            case 3 -> "~SEQ" + (r.nextInt(4) == 0 ? "x" : "") + "(" + var(r) + seqArgs(r) + ") " + body(r);
            case 4 -> "~LST(" + (r.nextBoolean() ? var(r) : "{" + var(r) + "," + var(r) + "}") + lstArgs(r) + ") " + body(r);
            case 5 -> "@node1 " + body(r);
            case 6 -> "@^node1 " + body(r);
            case 7 -> "@other " + directiveLine(r);
            case 8 -> "~SEQ(" + var(r) + seqArgs(r) + ") ~LST(" + var(r) + lstArgs(r) + ") " + body(r);
            default -> body(r);
        };
    }

    private static String var(Random r) {
        return r.nextInt(10) == 0 ? "" : NAMES[r.nextInt(5)];
    }

    private static String value(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int w = r.nextInt(4); w >= 0; w--) {
            sb.append(switch (r.nextInt(7)) {
                case 0 -> "$" + NAMES[r.nextInt(NAMES.length)];
                case 1 -> "${" + NAMES[r.nextInt(NAMES.length)] + "}";
                case 2 -> "~SEQ(i, " + number(r) + ") x_$i";
                case 3 -> "${_RANDOM " + r.nextInt(100) + " " + r.nextInt(100) + "}";
                case 4 -> "\"q " + NAMES[r.nextInt(NAMES.length)] + "\"";
                default -> KEYWORDS.get(r.nextInt(KEYWORDS.size()));
            }).append(' ');
        }
        return sb.toString().strip();
    }

    private static String seqArgs(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int a = r.nextInt(5); a >= 0; a--) {
            sb.append(", ").append(number(r));
        }
        return sb.toString();
    }

    private static String lstArgs(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int a = r.nextInt(5); a >= 0; a--) {
            sb.append(", ").append(r.nextInt(4) == 0 ? "{" + number(r) + "," + number(r) + "}" : value(r).replace(' ', '_'));
        }
        return sb.toString();
    }

    private static String number(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> "100000000";
            case 1 -> Long.toString(r.nextLong());
            case 2 -> "0x" + Integer.toHexString(r.nextInt(64));
            case 3 -> "";
            case 4 -> "$" + NAMES[r.nextInt(5)];
            case 5 -> "abc";
            default -> Integer.toString(r.nextInt(25) - 5);
        };
    }

    private static String body(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> "zz_$i ${j} $A";
            case 1 -> soupLine(r) + " $" + NAMES[r.nextInt(NAMES.length)];
            case 2 -> "$" + NAMES[r.nextInt(NAMES.length)];
            case 3 -> "virtual_ipaddress { 10.0.0.$i/24 }";
            default -> directiveLine(r);
        };
    }

    private static String includeTarget(Random r, int files) {
        return switch (r.nextInt(7)) {
            case 0 -> "f*.conf";
            case 1 -> "sub/*.conf";
            case 2 -> "{f0,f1}.conf";
            case 3 -> "f?.conf";
            case 4 -> "${_PWD}/f" + r.nextInt(files) + ".conf";
            case 5 -> "nonexistent" + r.nextInt(3) + ".conf";
            default -> "f" + r.nextInt(files) + ".conf";
        };
    }

    // ---- plumbing -----------------------------------------------------------------------------

    private static LongStream seeds(int category, int count) {
        if (ONLY_CASE != null) {
            return LongStream.of(ONLY_CASE);
        }
        SplittableRandom r = new SplittableRandom(BASE_SEED * 31 + category);
        return LongStream.generate(r::nextLong).limit(Math.max(1, Math.round(count * SCALE)));
    }

    static List<String> sampleNames() {
        try (InputStream in = HostileFuzzTest.class.getResourceAsStream("/hostile/samples/index.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(s -> !s.isBlank()).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> loadSamples() {
        List<String> out = new ArrayList<>();
        for (String name : sampleNames()) {
            try (InputStream in = HostileFuzzTest.class.getResourceAsStream("/hostile/samples/" + name)) {
                out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return List.copyOf(out);
    }
}
