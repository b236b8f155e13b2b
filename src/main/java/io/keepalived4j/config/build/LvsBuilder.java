package io.keepalived4j.config.build;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.model.LvsSection;
import io.keepalived4j.config.syntax.Node;

import java.util.List;

/** Builds the LVS side: virtual_server_group, virtual_server, real_server and checkers. */
final class LvsBuilder {

    private LvsBuilder() {
    }

    static LvsSection build(List<Node> roots, Diagnostics diagnostics) {
        return new LvsSection();
    }
}
