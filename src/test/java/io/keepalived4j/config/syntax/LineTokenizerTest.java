package io.keepalived4j.config.syntax;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.Position;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineTokenizerTest {

    private static List<String> words(String line) {
        return LineTokenizer.tokenize(line).stream().map(Token::text).toList();
    }

    @Test
    void blanksAndTabsSeparateWords() {
        assertThat(words("  priority\t100 \f x\u000by\r")).containsExactly("priority", "100", "x", "y");
    }

    @Test
    void doubleQuotesGroupWordsAndAreRemoved() {
        List<Token> t = LineTokenizer.tokenize("notify_master \"/usr/bin/notify master now\"");
        assertThat(t).extracting(Token::text).containsExactly("notify_master", "/usr/bin/notify master now");
        assertThat(t.get(1).quoted()).isTrue();
        assertThat(t.get(0).quoted()).isFalse();
    }

    @Test
    void emptyQuotedStringIsAWord() {
        assertThat(words("auth_pass \"\"")).containsExactly("auth_pass", "");
    }

    @Test
    void quoteInsideAWordStartsANewWordAsInKeepalived() {
        // keepalived 2.2.7 reports zz_"a b" as Unknown keyword 'zz_'.
        assertThat(words("zz_\"a b\" next")).containsExactly("zz_", "a b", "next");
    }

    @Test
    void bracesAreWordsEvenWhenTouchingText() {
        assertThat(words("track_interface{eth0}")).containsExactly("track_interface", "{", "eth0", "}");
        assertThat(words("}vrrp_instance VI_1 {")).containsExactly("}", "vrrp_instance", "VI_1", "{");
    }

    @Test
    void bracesInsideQuotesAreText() {
        List<Token> t = LineTokenizer.tokenize("script \"{ }\"");
        assertThat(t).extracting(Token::text).containsExactly("script", "{ }");
        assertThat(t.get(1).isBrace()).isFalse();
    }

    @Test
    void quotedBraceIsNotABrace() {
        Token t = LineTokenizer.tokenize("\"{\"").getFirst();
        assertThat(t.isOpen()).isFalse();
        assertThat(LineTokenizer.tokenize("{").getFirst().isOpen()).isTrue();
        assertThat(LineTokenizer.tokenize("}").getFirst().isClose()).isTrue();
    }

    @Test
    void columnsAreOneBasedPositionsInTheSourceLine() {
        List<Token> t = LineTokenizer.tokenize("  state \"MASTER\" {");
        assertThat(t).extracting(Token::column).containsExactly(3, 9, 18);
    }

    @Test
    void columnsCollapseToOneWhenTheLineWasRewritten() {
        SourceLine expanded = new SourceLine(Position.of("f", 3, 1), "  a b", false);
        assertThat(LineTokenizer.tokenize(expanded, new Diagnostics())).extracting(Token::column).containsExactly(1, 1);
    }

    @Test
    void unterminatedQuoteIsReportedAtItsColumnAndKeepsTheRest() {
        Diagnostics d = new Diagnostics();
        List<Token> t = LineTokenizer.tokenize(new SourceLine(Position.of("k.conf", 7, 1), "zz_7 \"unterminated x", true), d);
        assertThat(t).extracting(Token::text).containsExactly("zz_7", "unterminated x");
        assertThat(d.all()).singleElement().satisfies(diag -> {
            assertThat(diag.code()).isEqualTo("unmatched-quote");
            assertThat(diag.position()).isEqualTo(Position.of("k.conf", 7, 6));
        });
    }

    @Test
    void blankLineHasNoWords() {
        assertThat(words("")).isEmpty();
        assertThat(words(" \t ")).isEmpty();
    }

    @Test
    void twoMegabyteTokenIsOneWord() {
        String big = "x".repeat(2 * 1024 * 1024);
        assertThat(words("key " + big)).hasSize(2).last().asString().hasSize(big.length());
    }
}
