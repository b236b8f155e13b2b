package io.keepalived4j.config.syntax;

/**
 * One word of a configuration line.
 *
 * @param text   the word, without surrounding double quotes
 * @param quoted whether it was written inside double quotes (script keywords split it again)
 * @param column 1-based column of the first character in the source line
 */
public record Token(String text, boolean quoted, int column) {

    public static final String OPEN = "{";
    public static final String CLOSE = "}";

    public boolean isOpen() {
        return !quoted && OPEN.equals(text);
    }

    public boolean isClose() {
        return !quoted && CLOSE.equals(text);
    }

    public boolean isBrace() {
        return isOpen() || isClose();
    }
}
