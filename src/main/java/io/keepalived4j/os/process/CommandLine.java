package io.keepalived4j.os.process;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script keyword's command line into argv exactly as keepalived does
 * ({@code alloc_strvec_quoted_escaped()} in lib/parser.c, used by {@code set_script_params_array()}):
 * no shell is involved, so there is no globbing, no variables and no redirection.
 * <ul>
 *   <li>words are separated by blanks (space, tab, newline, CR, VT, FF);</li>
 *   <li>{@code "..."} and {@code '...'} group blanks into one word and may start or end mid-word
 *       ({@code a"b c"d} is one word {@code ab cd}); the quotes themselves are removed;</li>
 *   <li>a backslash escapes the next character everywhere, inside single quotes too (unlike a
 *       shell): {@code \a \b \E \f \n \r \t \v}, {@code \xHH...} (all following hex digits),
 *       {@code \cX} (control character), {@code \NNN} (up to three octal digits); any other
 *       character stands for itself ({@code \" \' \\ \ });</li>
 *   <li>an unterminated quote or a trailing lone backslash make the whole command invalid
 *       (keepalived logs it and the script is not set).</li>
 * </ul>
 * <pre>{@code CommandLine.split("/x MASTERONLY 'a b'")  // [/x, MASTERONLY, a b]}</pre>
 */
public final class CommandLine {

    private static final String BLANKS = " \t\n\r\u000b\f";

    private CommandLine() {
    }

    /** The argv, or an {@link IllegalArgumentException} saying why keepalived would reject it. */
    public static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = command.length();
        while (i < n) {
            while (i < n && BLANKS.indexOf(command.charAt(i)) >= 0) {
                i++;
            }
            if (i >= n) {
                break;
            }
            StringBuilder word = new StringBuilder();
            char quote = 0;
            while (i < n) {
                char c = command.charAt(i);
                if (c == '\\') {
                    i = escape(command, i + 1, word);
                } else if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        word.append(c);
                    }
                    i++;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                    i++;
                } else if (BLANKS.indexOf(c) >= 0) {
                    break;
                } else {
                    word.append(c);
                    i++;
                }
            }
            if (quote != 0) {
                throw new IllegalArgumentException("String '" + command + "': missing terminating " + quote);
            }
            words.add(word.toString());
        }
        return List.copyOf(words);
    }

    /** Decodes the escape after a backslash at {@code i}; returns the index after it. */
    private static int escape(String s, int i, StringBuilder out) {
        if (i >= s.length()) {
            throw new IllegalArgumentException("Missing escape char at end: '" + s + "'");
        }
        char c = s.charAt(i);
        if (c == 'x' && i + 1 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0) {
            int v = 0;
            i++;
            while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0) {
                v = (v << 4 | Character.digit(s.charAt(i), 16)) & 0xff; // C char arithmetic wraps
                i++;
            }
            out.append((char) v);
            return i;
        }
        if (c == 'c' && i + 1 < s.length()) {
            out.append((char) (s.charAt(i + 1) & 0x1f));
            return i + 2;
        }
        if (c >= '0' && c <= '7') {
            int v = 0;
            int end = Math.min(s.length(), i + 3);
            while (i < end && s.charAt(i) >= '0' && s.charAt(i) <= '7') {
                v = v * 8 + (s.charAt(i) - '0');
                i++;
            }
            out.append((char) (v & 0xff));
            return i;
        }
        out.append(switch (c) {
            case 'a' -> '\u0007';
            case 'b' -> '\b';
            case 'E' -> '\u001b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> '\u000b';
            default -> c;
        });
        return i + 1;
    }
}
