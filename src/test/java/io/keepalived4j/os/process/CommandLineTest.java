package io.keepalived4j.os.process;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {

    @Test
    void blanksSeparateWordsAndRunsOfBlanksCountOnce() {
        assertThat(CommandLine.split("  /x  MASTERONLY\targ ")).containsExactly("/x", "MASTERONLY", "arg");
    }

    @Test
    void quotesGroupWordsAndMayJoinMidWord() {
        assertThat(CommandLine.split("/path arg1 'a b' \"c  d\"")).containsExactly("/path", "arg1", "a b", "c  d");
        assertThat(CommandLine.split("a\"b c\"d 'x'\"y\"")).containsExactly("ab cd", "xy");
        assertThat(CommandLine.split("/x '' \"\"")).containsExactly("/x", "", "");
        assertThat(CommandLine.split("/x \"it's\" 'say \"hi\"'")).containsExactly("/x", "it's", "say \"hi\"");
    }

    @Test
    void backslashEscapesEverywhereIncludingInsideSingleQuotes() {
        assertThat(CommandLine.split("a\\ b 'c\\'d' \"e\\\"f\" g\\\\h")).containsExactly("a b", "c'd", "e\"f", "g\\h");
        assertThat(CommandLine.split("\\t\\n\\x41\\x4a\\101\\cA\\E\\q"))
                .containsExactly("\t\nAJA\u0001\u001bq");
        // \NNN takes at most three octal digits; \x takes every hex digit (wrapping like a C char).
        assertThat(CommandLine.split("\\1012 \\x141")).containsExactly("A2", "A");
    }

    @Test
    void unterminatedQuoteOrTrailingBackslashIsRejected() {
        assertThatThrownBy(() -> CommandLine.split("/x 'open")).hasMessageContaining("missing terminating '");
        assertThatThrownBy(() -> CommandLine.split("/x \"open")).hasMessageContaining("missing terminating \"");
        assertThatThrownBy(() -> CommandLine.split("/x end\\")).hasMessageContaining("Missing escape char at end");
    }

    @Test
    void emptyOrBlankCommandHasNoWords() {
        assertThat(CommandLine.split("")).isEmpty();
        assertThat(CommandLine.split(" \t ")).isEmpty();
    }
}
