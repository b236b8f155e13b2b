package io.keepalived4j.check;

import io.keepalived4j.config.model.lvs.PcreRegex;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The regex searched over a body that arrives in pieces. */
class RegexWindowTest {

    private static RegexWindow window(String regex, OptionalLong min, OptionalLong max, String... options) {
        return new RegexWindow(PcreRegex.compile(regex, List.of(options)), min, max, System::nanoTime,
                System.nanoTime() + 10_000_000_000L);
    }

    private static RegexWindow.Outcome search(RegexWindow w, String... reads) {
        for (String read : reads) {
            byte[] b = read.getBytes(StandardCharsets.ISO_8859_1);
            w.feed(b, 0, b.length);
        }
        w.finish();
        return w.outcome();
    }

    private static RegexWindow.Outcome search(String regex, String... reads) {
        return search(window(regex, OptionalLong.empty(), OptionalLong.empty()), reads);
    }

    @Test
    void matchSpanningTwoReadsIsFound() {
        assertThat(search("hello world", "xx hello", " world yy")).isEqualTo(RegexWindow.Outcome.MATCHED);
    }

    @Test
    void caretMatchesOnlyAtTheBodysStart() {
        String filler = "y".repeat(9000);
        assertThat(search("^x", "x", filler)).isEqualTo(RegexWindow.Outcome.MATCHED);
        assertThat(search("^y", "x", filler, "y")).as("not at the start of a later window").isEqualTo(RegexWindow.Outcome.NOT_MATCHED);
        assertThat(search("(?m)^y", "x\n", filler)).isEqualTo(RegexWindow.Outcome.MATCHED);
    }

    @Test
    void dollarWaitsForTheEnd() {
        assertThat(search("end$", "the end", " is not here")).isEqualTo(RegexWindow.Outcome.NOT_MATCHED);
        assertThat(search("end$", "not yet ", "the end")).isEqualTo(RegexWindow.Outcome.MATCHED);
    }

    @Test
    void lookBehindSeesTheKeptCharacters() {
        assertThat(search("(?<=abc)def", "xxabc", "def")).isEqualTo(RegexWindow.Outcome.MATCHED);
    }

    @Test
    void offsetsCountBodyBytesAcrossReads() {
        String body = "a".repeat(5000) + "NEEDLE" + "a".repeat(5000);
        assertThat(search(window("NEEDLE", OptionalLong.of(5000), OptionalLong.of(5000)), body.substring(0, 4000),
                body.substring(4000, 8000), body.substring(8000))).isEqualTo(RegexWindow.Outcome.MATCHED);
        assertThat(search(window("NEEDLE", OptionalLong.empty(), OptionalLong.of(4999)), body))
                .isEqualTo(RegexWindow.Outcome.NOT_MATCHED);
        assertThat(search(window("NEEDLE", OptionalLong.of(5001), OptionalLong.empty()), body))
                .isEqualTo(RegexWindow.Outcome.NOT_MATCHED);
    }

    @Test
    void aMatchLongerThanTheWindowIsNotFound() {
        String longMatch = "<" + "z".repeat(RegexWindow.KEEP + 4096) + ">";
        assertThat(search("<z+>", longMatch.substring(0, 4000), longMatch.substring(4000, 8000), longMatch.substring(8000)))
                .isEqualTo(RegexWindow.Outcome.NOT_MATCHED);
    }

    @Test
    void utfReadsCharactersSplitAcrossReads() {
        byte[] body = "caf\u00e9!".getBytes(StandardCharsets.UTF_8);
        RegexWindow w = window("caf.!", OptionalLong.empty(), OptionalLong.empty(), "utf");
        w.feed(body, 0, 4);
        w.feed(body, 4, body.length - 4);
        w.finish();
        assertThat(w.outcome()).isEqualTo(RegexWindow.Outcome.MATCHED);
        RegexWindow bytes = window("caf.!", OptionalLong.empty(), OptionalLong.empty());
        bytes.feed(body, 0, body.length);
        bytes.finish();
        assertThat(bytes.outcome()).as("without utf, é is two bytes").isEqualTo(RegexWindow.Outcome.NOT_MATCHED);
    }

    @Test
    void aSearchPastTheDeadlineThrows() {
        // A clock already past the deadline: the search stops at its first look at the clock.
        RegexWindow w = new RegexWindow(PcreRegex.compile("(a|a)*\\1b", List.of()), OptionalLong.empty(), OptionalLong.empty(),
                () -> 1, 0);
        byte[] as = "a".repeat(40).getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> {
            w.feed(as, 0, as.length);
            w.finish();
        }).isInstanceOf(RegexWindow.TimedOut.class);
    }
}
