package io.keepalived4j.config.crossnode;

import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.syntax.Node;

import java.util.List;
import java.util.Objects;

/**
 * One node's configuration, as the cross-node check sees it.
 *
 * @param file   the name used in positions (as the loader reported it, so positions line up)
 * @param config the typed model
 * @param tree   the statement tree, used only to point findings at the exact keyword line;
 *               empty to point at the {@code vrrp_instance} line instead
 */
public record NodeFile(String file, KeepalivedConfig config, List<Node> tree) {

    public NodeFile {
        Objects.requireNonNull(file);
        Objects.requireNonNull(config);
        tree = tree == null ? List.of() : List.copyOf(tree);
    }

    public static NodeFile of(String file, KeepalivedConfig config) {
        return new NodeFile(file, config, List.of());
    }

    public static NodeFile of(String file, KeepalivedConfig config, List<Node> tree) {
        return new NodeFile(file, config, tree);
    }
}
