package io.keepalived4j.config.syntax;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.Position;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one preprocessed line into words, as keepalived's {@code alloc_strvec()} does: blanks
 * separate words, double quotes group them, and {@code {} / {@code }} outside quotes are words of
 * their own even when they touch other text ({@code }vrrp_instance} is two words), which is
 * keepalived's {@code read_line()} splitting the line at braces.
 */
public final class LineTokenizer {

    private LineTokenizer() {
    }

    public static List<Token> tokenize(SourceLine line, Diagnostics diagnostics) {
        String s = line.text();
        List<Token> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (isBlank(c)) {
                i++;
                continue;
            }
            int start = i;
            if (c == '{' || c == '}') {
                out.add(new Token(c == '{' ? Token.OPEN : Token.CLOSE, false, column(line, start)));
                i++;
                continue;
            }
            if (c == '"') {
                int close = s.indexOf('"', i + 1);
                if (close < 0) {
                    diagnostics.error(KaStatus.UNMATCHED_QUOTE, line.position().atColumn(column(line, start)),
                            "unmatched-quote", "unterminated quoted string", snippet(s, start),
                            "close the string with \" before the end of the line");
                    out.add(new Token(s.substring(i + 1), true, column(line, start)));
                    break;
                }
                out.add(new Token(s.substring(i + 1, close), true, column(line, start)));
                i = close + 1;
                continue;
            }
            while (i < n) {
                char d = s.charAt(i);
                if (isBlank(d) || d == '{' || d == '}' || d == '"') {
                    break;
                }
                i++;
            }
            out.add(new Token(s.substring(start, i), false, column(line, start)));
        }
        return out;
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b;
    }

    private static int column(SourceLine line, int index) {
        return line.columnMap() ? index + 1 : 1;
    }

    private static String snippet(String s, int start) {
        return s.substring(start, Math.min(s.length(), start + 60));
    }

    /** Convenience for tests and tools: tokenize a bare string. */
    public static List<Token> tokenize(String text) {
        return tokenize(new SourceLine(Position.NONE, text, true), new Diagnostics());
    }
}
