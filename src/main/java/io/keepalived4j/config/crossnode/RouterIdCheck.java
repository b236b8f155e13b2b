package io.keepalived4j.config.crossnode;

import io.keepalived4j.config.Position;
import io.keepalived4j.config.Severity;
import io.keepalived4j.config.model.GlobalDefs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * router_id names the node in e-mail alerts and logs; two nodes with the same one cannot be told
 * apart (keepalived defaults it to the host name, so an unset router_id is not compared).
 */
final class RouterIdCheck {

    private RouterIdCheck() {
    }

    static List<Finding> check(List<NodeFile> nodes) {
        Map<String, List<NodeFile>> byId = new LinkedHashMap<>();
        for (NodeFile node : nodes) {
            GlobalDefs global = node.config().global();
            String id = global == null ? null : global.routerId();
            if (id != null && !id.isBlank()) {
                byId.computeIfAbsent(id, k -> new ArrayList<>()).add(node);
            }
        }
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, List<NodeFile>> e : byId.entrySet()) {
            if (e.getValue().stream().map(NodeFile::file).distinct().count() < 2) {
                continue;
            }
            List<Position> positions = e.getValue().stream()
                    .map(n -> KeywordLocator.findGlobal(n.tree(), "global_defs", "router_id")
                            .orElse(Position.of(n.file(), 0, 0)))
                    .toList();
            out.add(new Finding(Severity.WARNING, "duplicate-router-id",
                    "router_id '" + e.getKey() + "' is used by several nodes: "
                            + String.join(", ", positions.stream().map(Position::toString).toList())
                            + "; alerts and logs cannot tell them apart",
                    positions, "give every node its own router_id (or leave it unset to use the host name)"));
        }
        return out;
    }
}
