package io.keepalived4j.config.build;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A line split as keepalived 2.2.7's {@code alloc_strvec_quoted_escaped()} (lib/parser.c) splits
 * the {@code regex} line before handing the pattern to PCRE2: blanks separate words, double or
 * single quotes group them, and a backslash escapes as in C, inside quotes too: {@code \n},
 * {@code \t}, {@code \xHH...}, {@code \ooo}, {@code \cX}, {@code \E} (ESC), and any other character
 * stands for itself. So {@code regex "\d+"} gives PCRE2 {@code d+}; {@code \\d} is needed for a
 * digit class.
 *
 * <p>keepalived works on bytes and an escape makes one byte, so each word is returned as bytes
 * seen one char per byte (ISO-8859-1): {@code é} written in a UTF-8 file is two chars, {@code \xe9}
 * one.
 */
final class QuotedEscapedWords {

    private static final String WHITE_SPACE = " \t\f\n\r\u000b";

    private QuotedEscapedWords() {
    }

    /**
     * The words, or empty where keepalived gives up (an escape at the very end, an unterminated quote).
     */
    static Optional<List<String>> split(String line) {
        byte[] s = line.getBytes(StandardCharsets.UTF_8);
        List<String> words = new ArrayList<>();
        int i = 0;
        while (true) {
            while (i < s.length && WHITE_SPACE.indexOf(s[i]) >= 0) {
                i++;
            }
            if (i >= s.length) {
                return Optional.of(words);
            }
            ByteArrayOutputStream word = new ByteArrayOutputStream();
            int quote = 0;
            while (i < s.length) {
                int c = s[i] & 0xff;
                if (c == '\\') {
                    i++;
                    if (i >= s.length) {
                        return Optional.empty(); // "Missing escape char at end"
                    }
                    i = escape(s, i, word);
                } else if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        word.write(c);
                    }
                    i++;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                    i++;
                } else if (WHITE_SPACE.indexOf(c) >= 0) {
                    break;
                } else {
                    word.write(c);
                    i++;
                }
            }
            if (quote != 0) {
                return Optional.empty(); // "missing terminating quote"
            }
            words.add(word.toString(StandardCharsets.ISO_8859_1));
        }
    }

    /** The escape whose first character is at {@code i}; returns the index after it. */
    private static int escape(byte[] s, int i, ByteArrayOutputStream out) {
        int c = s[i] & 0xff;
        if (c == 'x' && i + 1 < s.length && hex(s[i + 1]) >= 0) {
            int value = 0;
            i++;
            while (i < s.length && hex(s[i]) >= 0) {
                value = (value << 4 | hex(s[i])) & 0xff; // a C char keeps the low byte
                i++;
            }
            out.write(value);
            return i;
        }
        if (c == 'c' && i + 1 < s.length) {
            out.write(s[i + 1] & 0x1f);
            return i + 2;
        }
        if (c >= '0' && c <= '7') {
            int value = c - '0';
            i++;
            for (int k = 0; k < 2 && i < s.length && s[i] >= '0' && s[i] <= '7'; k++, i++) {
                value = (value << 3) + (s[i] - '0');
            }
            out.write(value & 0xff);
            return i;
        }
        out.write(switch (c) {
            case 'a' -> 0x07;
            case 'b' -> 0x08;
            case 'E' -> 0x1b;
            case 'f' -> 0x0c;
            case 'n' -> 0x0a;
            case 'r' -> 0x0d;
            case 't' -> 0x09;
            case 'v' -> 0x0b;
            default -> c;
        });
        return i + 1;
    }

    private static int hex(byte b) {
        return Character.digit(b & 0xff, 16) >= 0 && (b & 0xff) < 0x80 ? Character.digit(b & 0xff, 16) : -1;
    }
}
