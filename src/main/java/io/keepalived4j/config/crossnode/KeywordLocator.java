package io.keepalived4j.config.crossnode;

import io.keepalived4j.config.Position;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.config.syntax.Node;

import java.util.List;
import java.util.Optional;

/**
 * Finds where a keyword of a {@code vrrp_instance} was written, so that a finding can point at the
 * {@code advert_int} line rather than at the start of the block. The model keeps positions only
 * for instances and addresses; the tree keeps them all. Positions are whole lines ({@code file:line}),
 * as keepalived reports them: a finding compares lines of different files, not columns.
 */
public final class KeywordLocator {

    private KeywordLocator() {
    }

    /**
     * Position of the last {@code path} statement (keepalived: the last occurrence wins) inside the
     * instance's block, e.g. {@code ("authentication", "auth_pass")}; the instance's own position
     * when the keyword was not written (a default applies) or the tree is not available.
     */
    public static Position find(List<Node> tree, VrrpInstance instance, String... path) {
        return instanceNode(tree, instance)
                .flatMap(n -> descend(n, path, 0))
                .map(Node::position)
                .orElse(instance.position())
                .atColumn(0);
    }

    /** Whether the instance's block contains the statement at {@code path}. */
    static boolean written(List<Node> tree, VrrpInstance instance, String... path) {
        return instanceNode(tree, instance).flatMap(n -> descend(n, path, 0)).isPresent();
    }

    /** Position of the last top-level {@code block { keyword ... }} statement, if written. */
    static Optional<Position> findGlobal(List<Node> tree, String block, String keyword) {
        Position found = null;
        for (Node root : tree) {
            if (root.keyword().equals(block) && root.isBlock()) {
                for (Node child : root.children()) {
                    if (child.keyword().equals(keyword)) {
                        found = child.position().atColumn(0);
                    }
                }
            }
        }
        return Optional.ofNullable(found);
    }

    private static Optional<Node> instanceNode(List<Node> tree, VrrpInstance instance) {
        Node byName = null;
        for (Node root : tree) {
            if (!root.keyword().equals("vrrp_instance") || !root.isBlock()) {
                continue;
            }
            if (sameLine(root.position(), instance.position())) {
                return Optional.of(root);
            }
            if (root.argCount() > 0 && root.arg(0).equals(instance.name())) {
                byName = root;
            }
        }
        return Optional.ofNullable(byName);
    }

    private static Optional<Node> descend(Node block, String[] path, int depth) {
        if (depth == path.length) {
            return Optional.of(block);
        }
        if (!block.isBlock()) {
            return Optional.empty();
        }
        Optional<Node> found = Optional.empty();
        for (Node child : block.children()) {
            if (child.keyword().equals(path[depth])) {
                Optional<Node> deeper = descend(child, path, depth + 1);
                if (deeper.isPresent()) {
                    found = deeper;
                }
            }
        }
        return found;
    }

    private static boolean sameLine(Position a, Position b) {
        return a != null && b != null && a.file().equals(b.file()) && a.line() == b.line();
    }
}
