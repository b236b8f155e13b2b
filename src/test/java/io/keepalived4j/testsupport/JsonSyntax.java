package io.keepalived4j.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict little JSON reader (RFC 8259) for tests: parses to maps, lists, strings, numbers
 * (as Double, or as their literal text with {@link #parseLiterally}), booleans and null, and
 * fails with the offset of the first syntax error.
 */
public final class JsonSyntax {

    /** A number as written, for readers that care whether it was "5" or "5.0" (Go's int fields do). */
    public record NumberText(String literal) {
    }

    private final String s;
    private final boolean literalNumbers;
    private int i;

    private JsonSyntax(String s, boolean literalNumbers) {
        this.s = s;
        this.literalNumbers = literalNumbers;
    }

    public static Object parse(String text) {
        return parse(text, false);
    }

    /** As {@link #parse}, with numbers as {@link NumberText}. */
    public static Object parseLiterally(String text) {
        return parse(text, true);
    }

    private static Object parse(String text, boolean literalNumbers) {
        JsonSyntax p = new JsonSyntax(text, literalNumbers);
        p.ws();
        Object v = p.value();
        p.ws();
        if (p.i != text.length()) {
            throw p.fail("trailing text");
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object o) {
        if (!(o instanceof Map<?, ?>)) {
            throw new AssertionError("not a JSON object: " + o);
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> array(Object o) {
        if (!(o instanceof List<?>)) {
            throw new AssertionError("not a JSON array: " + o);
        }
        return (List<Object>) o;
    }

    private Object value() {
        if (i >= s.length()) {
            throw fail("unexpected end");
        }
        char c = s.charAt(i);
        return switch (c) {
            case '{' -> obj();
            case '[' -> arr();
            case '"' -> str();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                int start = i;
                Double d = num();
                yield literalNumbers ? new NumberText(s.substring(start, i)) : d;
            }
        };
    }

    private Map<String, Object> obj() {
        Map<String, Object> m = new LinkedHashMap<>();
        i++;
        ws();
        if (peek('}')) {
            i++;
            return m;
        }
        while (true) {
            ws();
            if (!peek('"')) {
                throw fail("expected a key");
            }
            String k = str();
            ws();
            expect(':');
            ws();
            m.put(k, value());
            ws();
            if (peek(',')) {
                i++;
            } else {
                expect('}');
                return m;
            }
        }
    }

    private List<Object> arr() {
        List<Object> l = new ArrayList<>();
        i++;
        ws();
        if (peek(']')) {
            i++;
            return l;
        }
        while (true) {
            ws();
            l.add(value());
            ws();
            if (peek(',')) {
                i++;
            } else {
                expect(']');
                return l;
            }
        }
    }

    private String str() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw fail("control character in string");
            }
            if (c == '\\') {
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> throw fail("bad escape");
                }
            } else {
                sb.append(c);
            }
        }
        throw fail("unterminated string");
    }

    private Double num() {
        int start = i;
        if (peek('-')) {
            i++;
        }
        digits();
        if (peek('.')) {
            i++;
            digits();
        }
        if (peek('e') || peek('E')) {
            i++;
            if (peek('+') || peek('-')) {
                i++;
            }
            digits();
        }
        return Double.parseDouble(s.substring(start, i));
    }

    private void digits() {
        int start = i;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == start) {
            throw fail("expected a digit");
        }
    }

    private Object literal(String word, Object v) {
        if (!s.startsWith(word, i)) {
            throw fail("expected " + word);
        }
        i += word.length();
        return v;
    }

    private void ws() {
        while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
    }

    private boolean peek(char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw fail("expected '" + c + "'");
        }
        i++;
    }

    private AssertionError fail(String why) {
        int from = Math.max(0, i - 30);
        return new AssertionError("invalid JSON at offset " + i + ": " + why + " near '"
                + s.substring(from, Math.min(s.length(), i + 30)) + "'");
    }
}
