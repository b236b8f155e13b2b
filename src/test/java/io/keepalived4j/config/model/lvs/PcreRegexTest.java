package io.keepalived4j.config.model.lvs;

import io.keepalived4j.config.model.lvs.PcreRegex.UnsupportedRegexException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Which keepalived regexes run on java.util.regex, and that those that do match as PCRE2 does. */
class PcreRegexTest {

    /** The body as keepalived's PCRE2 sees it without utf: one character per byte. */
    private static boolean finds(PcreRegex r, byte[] body) {
        return r.pattern().matcher(new String(body, StandardCharsets.ISO_8859_1)).find();
    }

    private static boolean finds(String regex, String body, String... options) {
        return finds(PcreRegex.compile(regex, List.of(options)), body.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("[[:alpha:]]+", "POSIX class"),
                arguments("[a[.x.]]", "POSIX class"),
                arguments("[a[b]]", "unescaped [ inside a character class"),
                arguments("[a-z&&[^aeiou]]", "&& inside a character class"),
                arguments("a\\Nb", "\\N means"),
                arguments("a\\N{U+41}", "\\N means"),
                arguments("foo\\Kbar", "\\K"),
                arguments("(a)\\g1", "\\g"),
                arguments("(a)\\g{-1}", "\\g"),
                arguments("(?|(a)|(b))", "(?| branch reset"),
                arguments("(?P<n>a)", "(?P Python-style"),
                arguments("(?#comment)a", "(?# comments"),
                arguments("a\\Cb", "\\C"),
                arguments("(*UTF)a", "(*...) verbs"),
                arguments("a(*SKIP)b", "(*...) verbs"),
                arguments("(?C1)a", "(?C callouts"),
                arguments("(?R)", "recursion"),
                arguments("(a)(?1)", "recursion"),
                arguments("(?&n)", "recursion"),
                arguments("(a)(?-1)", "subroutine"),
                arguments("(?(1)a|b)", "(?( conditional"),
                arguments("(?'n'a)", "(?'name'"),
                arguments("(?U)a+", "ungreedy in PCRE"),
                arguments("(?n)(a)", "(?n)"),
                arguments("(?J)a", "(?J)"),
                arguments("(?xx)a", "(?xx)"),
                arguments("(?^)a", "(?^"),
                arguments("(?d)a", "not a PCRE option"),
                arguments("\\o{101}", "\\o{...}"),
                arguments("\\u0041", "\\u is refused by PCRE2"),
                arguments("\\ca", "\\ca is control-A"),
                arguments("\\p{Greek}", "\\p{Greek}"),
                arguments("\\p{Alpha}", "\\p{Alpha}"),
                arguments("\\P{L&}", "\\P{L&}"),
                arguments("\\b{g}", "\\b{...}"),
                arguments("\\0101", "\\0 followed by three octal digits"),
                arguments("a\\0b", "\\0 alone is NUL"),
                arguments("(a)\\12", "\\12 is a back reference or an octal character"),
                arguments("(a)\\2", "refers to group 2"),
                arguments("[\\1]", "inside a character class is an octal character"),
                arguments("(?<*a)b", "(?<* non-atomic lookbehind"),
                arguments("x{,3}", "Java cannot compile"),
                arguments("a{", "Java cannot compile"),
                arguments("a\\E", "Java cannot compile"));
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @MethodSource("refused")
    void constructsJavaReadsDifferentlyAreRefusedByName(String regex, String named) {
        assertThatThrownBy(() -> PcreRegex.compile(regex, List.of()))
                .isInstanceOf(UnsupportedRegexException.class)
                .hasMessageContaining(named);
    }

    @Test
    void whitespaceInAClassIsRefusedWithExtended() {
        assertThatThrownBy(() -> PcreRegex.compile("a[ b]", List.of("extended"))).hasMessageContaining("extended");
        assertThatThrownBy(() -> PcreRegex.compile("(?x)a[#b]", List.of())).hasMessageContaining("extended");
        assertThat(finds("a[ b]", "a ")).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"allow_empty_class", "alt_bsux", "alt_circumflex", "dollar_endonly", "firstline", "match_unset_backref",
            "no_auto_capture", "ungreedy"})
    void optionsWithoutAJavaEquivalentAreRefusedByName(String option) {
        assertThatThrownBy(() -> PcreRegex.compile("a", List.of(option)))
                .isInstanceOf(UnsupportedRegexException.class)
                .hasMessageStartingWith("regex_options " + option + " has no Java equivalent");
    }

    @Test
    void optionsThatChangeNothingObservableAreAccepted() {
        for (String option : List.of("auto_callout", "never_ucp", "never_utf", "never_backslash_c", "no_auto_possess",
                "no_dotstar_anchor", "no_start_optimize", "use_offset_limit", "alt_verbnames", "dupnames")) {
            assertThat(finds("b+", "abbc", option)).as(option).isTrue();
        }
        assertThatThrownBy(() -> PcreRegex.compile("a", List.of("utf", "never_utf"))).hasMessageContaining("contradict");
    }

    @Test
    void refusalSaysWhere() {
        UnsupportedRegexException e = (UnsupportedRegexException) org.assertj.core.api.Assertions.catchThrowable(
                () -> PcreRegex.compile("ok[[:digit:]]", List.of()));
        assertThat(e.index()).isEqualTo(3);
        assertThat(e.getMessage()).endsWith("at offset 3");
    }

    @Test
    void dotIsOneByteAndOnlyNewlineEndsALine() {
        // 0x85 (NEL) ends a line for Java unless UNIX_LINES; PCRE2's default newline is LF only.
        assertThat(finds(PcreRegex.compile("a.b", List.of()), new byte[]{'a', (byte) 0x85, 'b'})).isTrue();
        assertThat(finds(PcreRegex.compile("a..b", List.of()), "aéb".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(finds("a.b", "a\nb")).isFalse();
        assertThat(finds("a.b", "a\nb", "dotall")).isTrue();
        assertThat(finds("a.b", "a\rb")).isTrue();
    }

    @Test
    void utfMatchesCharactersAndFoldsCaseByUnicode() {
        PcreRegex r = PcreRegex.compile("a.b", List.of("utf"));
        assertThat(r.utf()).isTrue();
        assertThat(r.pattern().matcher("aéb").find()).isTrue();
        String eAcuteUpper = new String("É".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(PcreRegex.compile(eAcuteUpper, List.of("utf", "caseless")).pattern().matcher("é").find()).isTrue();
        assertThatThrownBy(() -> PcreRegex.compile("\u0100", List.of())).hasMessageContaining("one char each");
        // without utf, caseless is ASCII only, as PCRE2's default tables
        assertThat(finds(PcreRegex.compile("\u00c9", List.of("caseless")), new byte[]{(byte) 0xe9})).isFalse();
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                arguments("^<html>", "<html><body>", true),
                arguments("^<body>", "<html><body>", false),
                arguments("body>$", "x\n<body>\n", true),
                arguments("(?m)^<body>", "<html>\n<body>", true),
                arguments("\\bworks\\b", "it works!", true),
                arguments("\\d{3}", "code 200", true),
                arguments("\\s+ok", "all\tok", true),
                arguments("[^]a]+", "]]]b", true),
                arguments("[]a]", "]", true),
                arguments("(?<=<h1>)It", "<h1>It works", true),
                arguments("(?<name>a)\\k<name>", "aa", true),
                arguments("(a|b)\\1", "ab", false),
                arguments("a++b", "aaab", true),
                arguments("(?>a+)ab", "aaab", false),
                arguments("(?i)IT WORKS", "it works", true),
                arguments("(?i:it) WORKS", "IT works", false),
                arguments("\\x41\\x{42}", "AB", true),
                arguments("\\Q[a]\\E", "x[a]", true),
                arguments("\\p{Lu}\\p{Ll}", "xAb", true),
                arguments("\\pL\\PL", "a1", true),
                arguments("\\cA", "\u0001", true),
                arguments("a\\012b", "a\nb", true),
                arguments("(a)|\\1b", "b", false));
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @MethodSource("accepted")
    void acceptedConstructsMatchAsPcreDoes(String regex, String body, boolean found) {
        assertThat(finds(regex, body)).isEqualTo(found);
    }

    @Test
    void caselessOptionIsAsciiCaseFolding() {
        assertThat(finds("IT WORKS", "it works", "caseless")).isTrue();
        assertThat(finds("a b", "ab", "extended")).isTrue();
        assertThat(finds("^b", "a\nb", "multiline")).isTrue();
        assertThat(finds("\\w", "\u00e9", "ucp")).isTrue();
        assertThat(finds("\\w", "\u00e9")).isFalse();
    }

    @Test
    void latin1BytesAreSubjectCharacters() {
        byte[] body = new byte[256];
        for (int i = 0; i < 256; i++) {
            body[i] = (byte) i;
        }
        assertThat(finds(PcreRegex.compile("\\xff$", List.of()), body)).isTrue();
        assertThat(finds(PcreRegex.compile("[\\x80-\\xff]{128}", List.of()), Arrays.copyOf(body, 256))).isTrue();
    }
}
