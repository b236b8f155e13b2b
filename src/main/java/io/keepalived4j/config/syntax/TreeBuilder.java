package io.keepalived4j.config.syntax;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.Position;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Builds the statement tree from processed lines. A statement ends at the end of a line or at a
 * brace; {@code {} opens a block for the words before it (or, when it stands alone, for the
 * statement just before it). The builder uses an explicit stack, so 5,000 nested braces cost
 * memory, not the Java stack; blocks deeper than {@link Limits#maxBlockDepth()} are reported and
 * their contents dropped.
 */
public final class TreeBuilder {

    private static final class Open {
        final Position position;
        final List<Token> words;
        final List<Node> children = new ArrayList<>();
        final boolean dropped;

        Open(Position position, List<Token> words, boolean dropped) {
            this.position = position;
            this.words = words;
            this.dropped = dropped;
        }
    }

    private TreeBuilder() {
    }

    /** The top-level statements. */
    public static List<Node> build(List<SourceLine> lines, Limits limits, Diagnostics diagnostics) {
        Deque<Open> stack = new ArrayDeque<>();
        // Blocks inside a dropped block are only counted: a line of two million '{' costs an int, not two million objects.
        long droppedInside = 0;
        Open root = new Open(Position.NONE, List.of(), false);
        stack.push(root);
        boolean depthReported = false;
        for (SourceLine line : lines) {
            List<Token> tokens = LineTokenizer.tokenize(line, diagnostics);
            List<Token> words = new ArrayList<>();
            for (Token t : tokens) {
                if (t.isOpen() && stack.peek().dropped) {
                    droppedInside++;
                    words = new ArrayList<>();
                } else if (t.isClose() && droppedInside > 0) {
                    droppedInside--;
                    words = new ArrayList<>();
                } else if (t.isOpen()) {
                    Open parent = stack.peek();
                    List<Token> blockWords = words;
                    Position at = line.position().atColumn(words.isEmpty() ? t.column() : words.getFirst().column());
                    if (words.isEmpty()) {
                        // "keyword\n{" : the brace belongs to the previous statement, if that had none.
                        Node previous = parent.children.isEmpty() ? null : parent.children.getLast();
                        if (previous != null && !previous.isBlock()) {
                            parent.children.removeLast();
                            blockWords = previous.words();
                            at = previous.position();
                        } else if (!parent.dropped) {
                            diagnostics.error(KaStatus.UNEXPECTED_BOB, at, "unexpected-open-brace",
                                    "'{' without a keyword before it", "{", "remove the brace or put a keyword before it");
                        }
                    }
                    boolean dropped = parent.dropped || stack.size() > limits.maxBlockDepth();
                    if (dropped && !parent.dropped && !depthReported) {
                        depthReported = true;
                        diagnostics.error(KaStatus.FATAL, at, "too-deep",
                                "blocks nested deeper than " + limits.maxBlockDepth() + " levels; contents ignored",
                                "", "keepalived configurations nest at most 5 levels: look for a missing '}'");
                    }
                    stack.push(new Open(at, List.copyOf(blockWords), dropped));
                    words = new ArrayList<>();
                } else if (t.isClose()) {
                    flush(stack.peek(), line, words);
                    words = new ArrayList<>();
                    if (stack.size() == 1) {
                        diagnostics.error(KaStatus.GENERAL_ERROR, line.position().atColumn(t.column()), "unexpected-close-brace",
                                "'}' without a matching '{'", "}", "remove the extra '}'");
                        continue;
                    }
                    Open done = stack.pop();
                    if (!done.dropped || !stack.peek().dropped) {
                        stack.peek().children.add(new Node(done.position, done.words, done.dropped ? List.of() : done.children));
                    }
                } else {
                    words.add(t);
                }
            }
            flush(stack.peek(), line, words);
        }
        while (stack.size() > 1) {
            Open open = stack.pop();
            // Blocks past the depth limit were reported once as too-deep; 5,000 unclosed braces
            // should not become 5,000 messages.
            if (!open.dropped) {
                diagnostics.error(KaStatus.GENERAL_ERROR, open.position, "missing-close-brace",
                        "block '" + (open.words.isEmpty() ? "{" : open.words.getFirst().text()) + "' is never closed",
                        join(open.words), "add the missing '}'");
            }
            if (!open.dropped || !stack.peek().dropped) {
                stack.peek().children.add(new Node(open.position, open.words, open.dropped ? List.of() : open.children));
            }
        }
        return List.copyOf(root.children);
    }

    private static void flush(Open into, SourceLine line, List<Token> words) {
        if (words.isEmpty() || into.dropped) {
            return;
        }
        into.children.add(new Node(line.position().atColumn(words.getFirst().column()), words, null));
    }

    private static String join(List<Token> words) {
        StringBuilder sb = new StringBuilder();
        for (Token t : words) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(t.text());
        }
        return sb.toString();
    }
}
