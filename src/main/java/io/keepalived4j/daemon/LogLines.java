package io.keepalived4j.daemon;

/**
 * A log message as the lines keepalived would log one call each ({@code \R}: any line break).
 * Almost every message is one line: that case costs a scan, not a regular expression (which
 * String.split compiles anew for {@code "\\R"} on every call).
 */
final class LogLines {

    private LogLines() {
    }

    /**
     * The lines of {@code message}; with {@code keepTrailingEmpty} a trailing break gives a last
     * empty line (String.split's limit -1), without it trailing empty lines are dropped (limit 0).
     */
    static String[] split(String message, boolean keepTrailingEmpty) {
        for (int i = 0; i < message.length(); i++) {
            if (isBreak(message.charAt(i))) {
                return message.split("\\R", keepTrailingEmpty ? -1 : 0);
            }
        }
        return new String[] {message};
    }

    /** The characters \R matches on its own (and the \r of \r\n). */
    private static boolean isBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u000B' || c == '\u000C' || c == '\u0085' || c == '\u2028'
                || c == '\u2029';
    }
}
