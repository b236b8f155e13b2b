package io.keepalived4j.os.netlink;

import java.util.Map;
import java.util.Optional;

/**
 * A generic netlink family as the controller describes it (CTRL_CMD_NEWFAMILY): the message
 * type its requests carry ({@code id}, assigned when the module registers, so it must be looked
 * up by name on each host), its version, the size of its own header after the
 * {@link GenlMsgHdr}, its highest top-level attribute, the flags of each command it supports
 * ({@code GENL_CMD_CAP_DO}, {@code _DUMP}...) and its multicast groups by name.
 */
public record GenlFamily(int id, String name, int version, int headerSize, int maxAttribute,
                         Map<Integer, Integer> commandFlags, Map<String, Integer> multicastGroups) {

    /** {@code GENL_ADMIN_PERM}: the command needs CAP_NET_ADMIN. */
    public static final int ADMIN_PERM = 0x01;
    public static final int CAP_DO = 0x02;
    public static final int CAP_DUMP = 0x04;
    public static final int CAP_HASPOL = 0x08;

    public GenlFamily {
        commandFlags = Map.copyOf(commandFlags);
        multicastGroups = Map.copyOf(multicastGroups);
    }

    /** Whether the family lists {@code cmd} among its commands (CTRL_ATTR_OPS). */
    public boolean supports(int cmd) {
        return commandFlags.containsKey(cmd);
    }

    public Optional<Integer> multicastGroup(String groupName) {
        return Optional.ofNullable(multicastGroups.get(groupName));
    }
}
