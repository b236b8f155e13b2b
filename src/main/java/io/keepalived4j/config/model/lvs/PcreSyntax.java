package io.keepalived4j.config.model.lvs;

import io.keepalived4j.config.model.lvs.PcreRegex.UnsupportedRegexException;

import java.util.Set;

/**
 * Finds the constructs of a PCRE2 pattern that {@link java.util.regex.Pattern} reads differently
 * (silently: a POSIX class becomes a nested class) or not at all (verbs, recursion). Everything it
 * lets through means the same in both, or is an error Java reports itself. See
 * docs/pcre-vs-java.md.
 */
final class PcreSyntax {

    /** Unicode general categories: the only \p{...} names PCRE2 and Java spell alike. */
    private static final Set<String> CATEGORIES = Set.of("C", "Cc", "Cf", "Cn", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt",
            "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk",
            "Sm", "So", "Z", "Zl", "Zp", "Zs");

    private final String p;
    private final boolean extended;
    private final int groups;

    private PcreSyntax(String p, boolean extended) {
        this.p = p;
        this.groups = countGroups(p);
        this.extended = extended || usesInlineExtended(p);
    }

    /** @throws UnsupportedRegexException at the first construct Java reads differently */
    static void check(String pattern, boolean extended) {
        new PcreSyntax(pattern, extended).scan();
    }

    private void scan() {
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '\\') {
                i = escape(i, false);
            } else if (c == '[') {
                i = characterClass(i);
            } else if (c == '(') {
                group(i);
                i++;
            } else {
                i++;
            }
        }
    }

    private static UnsupportedRegexException refuse(int at, String what) {
        return new UnsupportedRegexException(what + " at offset " + at, at);
    }

    private char at(int i) {
        return i < p.length() ? p.charAt(i) : '\0';
    }

    /** Checks the escape at {@code i} (a backslash); returns the index after it. */
    private int escape(int i, boolean inClass) {
        char d = at(i + 1);
        switch (d) {
            case 'Q' -> {
                int end = p.indexOf("\\E", i + 2);
                return end < 0 ? p.length() : end + 2;
            }
            case 'K' -> throw refuse(i, "\\K (reset the match start) is not supported by Java");
            case 'g' -> throw refuse(i, "\\g (PCRE back reference or subroutine call) is not supported by Java; "
                    + "write \\1 or \\k<name>");
            case 'N' -> throw refuse(i, "\\N means \"not a newline\" in PCRE but a named character in Java; write [^\\n]");
            case 'C' -> throw refuse(i, "\\C (one code unit) is not supported by Java");
            case 'o' -> throw refuse(i, "\\o{...} (octal) is not supported by Java; write \\x{...}");
            case 'u', 'U', 'l', 'L' -> throw refuse(i, "\\" + d + " is refused by PCRE2 (without alt_bsux) but read by Java; "
                    + "write \\x{...}");
            case 'c' -> {
                char x = at(i + 2);
                if (x >= 'a' && x <= 'z') {
                    throw refuse(i, "\\c" + x + " is control-" + Character.toUpperCase(x) + " in PCRE but not in Java; write \\c"
                            + Character.toUpperCase(x));
                }
                return i + 3;
            }
            case 'p', 'P' -> {
                return property(i);
            }
            case 'b', 'B' -> {
                if (!inClass && at(i + 2) == '{') {
                    throw refuse(i, "\\" + d + "{...} (Java boundary types) is not PCRE");
                }
                return i + 2;
            }
            case '0' -> {
                int n = 0;
                while (n < 3 && at(i + 2 + n) >= '0' && at(i + 2 + n) <= '7') {
                    n++;
                }
                if (n == 0) {
                    throw refuse(i, "\\0 alone is NUL in PCRE but an error in Java; write \\x00");
                }
                if (n == 3) {
                    throw refuse(i, "\\0 followed by three octal digits: PCRE reads two of them, Java three; write \\x{...}");
                }
                return i + 2 + n;
            }
            default -> {
                if (d >= '1' && d <= '9') {
                    return backReference(i, inClass);
                }
                return i + 2;
            }
        }
    }

    private int backReference(int i, boolean inClass) {
        int end = i + 1;
        while (at(end) >= '0' && at(end) <= '9') {
            end++;
        }
        String digits = p.substring(i + 1, end);
        if (inClass) {
            throw refuse(i, "\\" + digits + " inside a character class is an octal character in PCRE, an error in Java; "
                    + "write \\x{...}");
        }
        if (digits.length() > 1) {
            throw refuse(i, "\\" + digits + " is a back reference or an octal character in PCRE depending on the number "
                    + "of groups, and Java decides differently; write \\k<name> or \\x{...}");
        }
        if (digits.charAt(0) - '0' > groups) {
            throw refuse(i, "\\" + digits + " refers to group " + digits + " but the regex has " + groups
                    + " (PCRE: an error or a literal, Java: never matches)");
        }
        return end;
    }

    private int property(int i) {
        char d = at(i + 1);
        String name;
        int end;
        if (at(i + 2) == '{') {
            int close = p.indexOf('}', i + 3);
            if (close < 0) {
                return p.length();
            }
            name = p.substring(i + 3, close);
            end = close + 1;
        } else {
            name = String.valueOf(at(i + 2));
            end = i + 3;
        }
        if (!CATEGORIES.contains(name)) {
            throw refuse(i, "\\" + d + "{" + name + "}: only Unicode general categories (L, Lu, Nd, ...) have the same "
                    + "name in PCRE and Java");
        }
        return end;
    }

    /** Checks the class opening at {@code i}; returns the index after its closing bracket. */
    private int characterClass(int i) {
        int j = i + 1;
        if (at(j) == '^') {
            j++;
        }
        if (at(j) == ']') {
            j++; // a leading ] is literal in both
        }
        while (j < p.length()) {
            char c = p.charAt(j);
            if (c == '\\') {
                j = escape(j, true);
            } else if (c == '[') {
                char n = at(j + 1);
                if (n == ':' || n == '.' || n == '=') {
                    throw refuse(j, "POSIX class [" + n + "..." + n + "] is read by Java as a nested class; write it out, "
                            + "e.g. [A-Za-z] for [:alpha:]");
                }
                throw refuse(j, "an unescaped [ inside a character class is a literal in PCRE but a nested class (union) "
                        + "in Java; write \\[");
            } else if (c == '&' && at(j + 1) == '&') {
                throw refuse(j, "&& inside a character class is literal in PCRE but an intersection in Java; write \\&\\&");
            } else if (extended && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b || c == '#')) {
                throw refuse(j, "with extended, whitespace and # inside a character class are literal in PCRE but ignored "
                        + "by Java; escape them");
            } else if (c == ']') {
                return j + 1;
            } else {
                j++;
            }
        }
        return j;
    }

    /** Checks the group opening at {@code i}. */
    private void group(int i) {
        char n = at(i + 1);
        if (n == '*') {
            throw refuse(i, "(*...) verbs and start-of-pattern options are not supported by Java");
        }
        if (n != '?') {
            return;
        }
        char c = at(i + 2);
        switch (c) {
            case ':', '=', '!', '>' -> {
                // non-capturing, lookahead, atomic: the same in both
            }
            case '<' -> {
                char d = at(i + 3);
                if (d == '*') {
                    throw refuse(i, "(?<* non-atomic lookbehind is not supported by Java");
                }
            }
            case '|' -> throw refuse(i, "(?| branch reset groups are not supported by Java");
            case '#' -> throw refuse(i, "(?# comments are not supported by Java");
            case 'P' -> throw refuse(i, "(?P Python-style named groups are not supported by Java; write (?<name>...) "
                    + "and \\k<name>");
            case 'C' -> throw refuse(i, "(?C callouts are not supported by Java");
            case '(' -> throw refuse(i, "(?( conditional groups are not supported by Java");
            case '\'' -> throw refuse(i, "(?'name' named groups are not supported by Java; write (?<name>...)");
            case '*' -> throw refuse(i, "(?* non-atomic lookahead is not supported by Java");
            case '^' -> throw refuse(i, "(?^ option reset is not supported by Java");
            case 'R', '&', '+', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' ->
                    throw refuse(i, "(?" + c + " recursion and subroutine calls are not supported by Java");
            default -> inlineFlags(i);
        }
    }

    /** {@code (?imsx-imsx)} and {@code (?imsx-imsx:...)}: only these four mean the same in both. */
    private void inlineFlags(int i) {
        int j = i + 2;
        if (at(j) == '-' && at(j + 1) >= '0' && at(j + 1) <= '9') {
            throw refuse(i, "(?-" + at(j + 1) + " relative subroutine calls are not supported by Java");
        }
        while (Character.isLetter(at(j)) || at(j) == '-') {
            char f = at(j);
            switch (f) {
                case 'i', 'm', 's', '-' -> {
                }
                case 'x' -> {
                    if (at(j + 1) == 'x') {
                        throw refuse(i, "(?xx) is not supported by Java");
                    }
                }
                case 'U' -> throw refuse(i, "(?U) means ungreedy in PCRE but Unicode character classes in Java");
                case 'n' -> throw refuse(i, "(?n) (no auto capture) is not supported by Java");
                case 'J' -> throw refuse(i, "(?J) (duplicate names) is not supported by Java");
                default -> throw refuse(i, "(?" + f + ") is not a PCRE option (Java would accept it)");
            }
            j++;
        }
    }

    /** Capturing groups: plain ( and named ones. */
    private static int countGroups(String p) {
        int count = 0;
        boolean inClass = false;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                if (i + 1 < p.length() && p.charAt(i + 1) == 'Q') {
                    int end = p.indexOf("\\E", i + 2);
                    i = end < 0 ? p.length() : end + 1;
                } else {
                    i++;
                }
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
                if (i + 1 < p.length() && p.charAt(i + 1) == '^') {
                    i++;
                }
                if (i + 1 < p.length() && p.charAt(i + 1) == ']') {
                    i++;
                }
            } else if (c == '(') {
                String rest = p.substring(i + 1);
                boolean named = rest.startsWith("?<") && rest.length() > 2 && Character.isLetter(rest.charAt(2))
                        || rest.startsWith("?'") || rest.startsWith("?P<");
                if (!rest.startsWith("?") && !rest.startsWith("*") || named) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Whether an inline option group turns extended on somewhere (not scope-exact: conservative). */
    private static boolean usesInlineExtended(String p) {
        for (int i = p.indexOf("(?"); i >= 0; i = p.indexOf("(?", i + 1)) {
            for (int j = i + 2; j < p.length() && Character.isLetter(p.charAt(j)); j++) {
                if (p.charAt(j) == 'x') {
                    return true;
                }
            }
        }
        return false;
    }
}
