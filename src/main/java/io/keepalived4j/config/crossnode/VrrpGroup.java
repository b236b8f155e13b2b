package io.keepalived4j.config.crossnode;

import java.util.List;

/**
 * The instances, across node files, that take part in one election: one virtual router.
 *
 * @param virtualRouterId the shared VRID
 * @param family          the shared address family
 * @param members         the instances, in command-line file order
 */
record VrrpGroup(int virtualRouterId, AddressFamily family, List<Member> members) {

    VrrpGroup {
        members = List.copyOf(members);
    }

    /** How many different files take part. */
    long fileCount() {
        return members.stream().mapToInt(Member::fileIndex).distinct().count();
    }

    /** {@code VRID 51 on eth0 (IPv4)} or {@code VRID 51 unicast (IPv4)}: names the group in messages. */
    String label() {
        String where = members.stream().allMatch(Member::isUnicast) ? "unicast"
                : "on " + interfaces();
        return "VRID " + virtualRouterId + " " + where + " (" + family + ")";
    }

    private String interfaces() {
        List<String> names = members.stream().map(m -> m.instance().interfaceName())
                .filter(n -> n != null && !n.isEmpty()).distinct().toList();
        return names.isEmpty() ? "no interface" : String.join("/", names);
    }
}
