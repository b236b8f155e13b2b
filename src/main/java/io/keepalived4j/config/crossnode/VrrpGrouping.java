package io.keepalived4j.config.crossnode;

import io.keepalived4j.config.model.VrrpInstance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Groups the instances of several node files into VRRP groups. Two instances of different files
 * belong together when they share VRID and address family and
 * <ul>
 *   <li>both use multicast (or one each) on the same interface name: they hear each other's
 *       adverts on that link (a multicast/unicast mix is grouped so that it can be reported), or</li>
 *   <li>both use unicast and one lists the other's {@code unicast_src_ip} as a peer; when a side has
 *       no source address configured, the same interface name links them as for multicast.</li>
 * </ul>
 * Grouping is transitive (union-find), so a three-node cluster is one group.
 */
final class VrrpGrouping {

    private VrrpGrouping() {
    }

    static List<VrrpGroup> of(List<NodeFile> nodes) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            NodeFile node = nodes.get(i);
            if (node.config().vrrp() == null) {
                continue;
            }
            for (VrrpInstance instance : node.config().vrrp().instances()) {
                if (instance.virtualRouterId() > 0) {
                    members.add(new Member(node, i, instance));
                }
            }
        }
        int[] parent = new int[members.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < members.size(); i++) {
            for (int j = i + 1; j < members.size(); j++) {
                if (linked(members.get(i), members.get(j))) {
                    parent[root(parent, i)] = root(parent, j);
                }
            }
        }
        Map<Integer, List<Member>> components = new LinkedHashMap<>();
        for (int i = 0; i < members.size(); i++) {
            components.computeIfAbsent(root(parent, i), k -> new ArrayList<>()).add(members.get(i));
        }
        return components.values().stream()
                .map(ms -> new VrrpGroup(ms.getFirst().instance().virtualRouterId(), ms.getFirst().family(), ms))
                .sorted(Comparator.comparingInt(VrrpGroup::virtualRouterId)
                        .thenComparing(VrrpGroup::family)
                        .thenComparingInt(g -> g.members().getFirst().fileIndex()))
                .toList();
    }

    static boolean linked(Member a, Member b) {
        if (a.fileIndex() == b.fileIndex()
                || a.instance().virtualRouterId() != b.instance().virtualRouterId()
                || a.family() != b.family()) {
            return false;
        }
        boolean sameInterface = !blank(a.instance().interfaceName())
                && Objects.equals(a.instance().interfaceName(), b.instance().interfaceName());
        if (a.isUnicast() && b.isUnicast()) {
            return a.pointsAt(b) || b.pointsAt(a) || (sameInterface && (a.source() == null || b.source() == null));
        }
        return sameInterface;
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
