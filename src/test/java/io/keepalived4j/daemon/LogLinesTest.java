package io.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogLinesTest {

    private static final List<String> MESSAGES = List.of("", "one line", "a\nb", "a\r\nb", "a\rb", "trailing\n",
            "trailing\n\n", "\nleading", "x\u2028y\u2029z\u0085w", "tab\tis not a break", "v\u000Bf\u000Cend",
            "(VI_1) Entering MASTER STATE");

    @Test
    void splitsAsTheRegularExpressionDoesWithAndWithoutTrailingEmptyLines() {
        for (String m : MESSAGES) {
            assertThat(LogLines.split(m, true)).as("[%s] keeping", m).containsExactly(m.split("\\R", -1));
            assertThat(LogLines.split(m, false)).as("[%s] dropping", m).containsExactly(m.split("\\R"));
        }
    }

    @Test
    void aSingleLineIsItself() {
        String m = "(VI_1) setting VIPs.";
        String[] lines = LogLines.split(m, true);
        assertThat(lines).hasSize(1);
        assertThat(lines[0]).isSameAs(m);
    }
}
