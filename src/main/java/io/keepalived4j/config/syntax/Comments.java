package io.keepalived4j.config.syntax;

/**
 * Removes comments the way keepalived's {@code decomment()} does: {@code !} or {@code #} outside
 * double quotes ends the line, {@code \!} and {@code \#} stand for the characters themselves.
 */
public final class Comments {

    private Comments() {
    }

    /**
     * The line without its comment, escapes resolved (columns after an escape shift by one).
     * As in {@code decomment()}, {@code \#} and {@code \!} are unescaped only outside quotes; any
     * other backslash pair is kept as written and never toggles quoting ({@code \"}).
     */
    public static String strip(String line) {
        if (line.indexOf('!') < 0 && line.indexOf('#') < 0) {
            return line;
        }
        StringBuilder out = new StringBuilder(line.length());
        boolean inQuote = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(i + 1);
                if (!inQuote && (next == '#' || next == '!')) {
                    out.append(next);
                } else {
                    out.append(c).append(next);
                }
                i++;
                continue;
            }
            if (c == '"') {
                inQuote = !inQuote;
            } else if (!inQuote && (c == '!' || c == '#')) {
                break;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Where the comment starts, or -1: lets diagnostics say that a keyword was swallowed by one. */
    public static int commentStart(String line) {
        boolean inQuote = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                i++;
                continue;
            }
            if (c == '"') {
                inQuote = !inQuote;
            } else if (!inQuote && (c == '!' || c == '#')) {
                return i;
            }
        }
        return -1;
    }
}
