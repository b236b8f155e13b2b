package io.keepalived4j.config.syntax;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommentsTest {

    @Test
    void bangEndsTheLine() {
        assertThat(Comments.strip("priority 100 ! the master")).isEqualTo("priority 100 ");
    }

    @Test
    void hashEndsTheLine() {
        assertThat(Comments.strip("state MASTER# comment")).isEqualTo("state MASTER");
    }

    @Test
    void wholeLineCommentLeavesNothing() {
        assertThat(Comments.strip("# vrrp_instance VI_1 {")).isEmpty();
        assertThat(Comments.strip("   ! note")).isEqualTo("   ");
    }

    @Test
    void commentCharactersInsideDoubleQuotesAreKept() {
        assertThat(Comments.strip("notify \"/bin/echo #1 !2\" # real comment"))
                .isEqualTo("notify \"/bin/echo #1 !2\" ");
    }

    @Test
    void escapedHashAndBangOutsideQuotesBecomeTheCharacters() {
        assertThat(Comments.strip("zz_c\\#d zz_e\\!f")).isEqualTo("zz_c#d zz_e!f");
    }

    @Test
    void escapesInsideQuotesAreLeftAsWrittenLikeDecomment() {
        // keepalived 2.2.7: "zz_c\#d" inside quotes stays zz_c\#d (decomment() does not modify quoted strings).
        assertThat(Comments.strip("\"zz_c\\#d\" #x")).isEqualTo("\"zz_c\\#d\" ");
    }

    @Test
    void escapedQuoteDoesNotOpenAString() {
        assertThat(Comments.strip("a\\\"b # comment")).isEqualTo("a\\\"b ");
    }

    @Test
    void doubledBackslashDoesNotEscapeTheHash() {
        // keepalived 2.2.7 reads zz_e\\#d as the word zz_e\\ followed by a comment.
        assertThat(Comments.strip("zz_e\\\\#d")).isEqualTo("zz_e\\\\");
    }

    @Test
    void unterminatedQuoteHidesCommentsToTheEnd() {
        assertThat(Comments.strip("a \"b # c")).isEqualTo("a \"b # c");
    }

    @Test
    void lineWithoutCommentCharactersIsReturnedAsIs() {
        String line = "virtual_ipaddress { 10.0.0.1/24 }";
        assertThat(Comments.strip(line)).isSameAs(line);
    }

    @Test
    void commentStartFindsTheFirstUnquotedUnescapedMarker() {
        assertThat(Comments.commentStart("a \"#\" \\# b ! c")).isEqualTo(11);
        assertThat(Comments.commentStart("no comment here")).isEqualTo(-1);
        assertThat(Comments.commentStart("#")).isZero();
    }
}
