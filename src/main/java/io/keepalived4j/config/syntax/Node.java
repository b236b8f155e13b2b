package io.keepalived4j.config.syntax;

import io.keepalived4j.config.Position;

import java.util.List;

/**
 * One statement of the configuration tree: a keyword, its arguments and, for blocks, the
 * statements between the braces.
 *
 * @param position where the keyword is
 * @param words    the keyword followed by its arguments
 * @param children the block's statements, or {@code null} when the statement has no block
 */
public record Node(Position position, List<Token> words, List<Node> children) {

    public Node {
        words = List.copyOf(words);
        children = children == null ? null : List.copyOf(children);
    }

    public String keyword() {
        return words.isEmpty() ? "" : words.getFirst().text();
    }

    public boolean isBlock() {
        return children != null;
    }

    /** Number of arguments after the keyword. */
    public int argCount() {
        return Math.max(0, words.size() - 1);
    }

    /** Argument i (0-based, after the keyword). */
    public String arg(int i) {
        return words.get(i + 1).text();
    }

    public List<String> args() {
        return words.stream().skip(1).map(Token::text).toList();
    }

    /** Position of argument i, for diagnostics that point at a value. */
    public Position argPosition(int i) {
        return position.atColumn(words.get(i + 1).column());
    }

    /** The statement as written (words joined by blanks), for diagnostics. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Token t : words) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(t.quoted() ? '"' + t.text() + '"' : t.text());
        }
        if (isBlock()) {
            sb.append(" {");
        }
        return sb.toString();
    }
}
