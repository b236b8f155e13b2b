package io.keepalived4j.os.netlink;

/**
 * Netlink message types used here: the generic control types of {@code <linux/netlink.h>} and the
 * rtnetlink families of {@code <linux/rtnetlink.h>} (each family is NEW, DEL, GET in a row).
 */
public final class NlMsgType {

    public static final int NOOP = 1;
    public static final int ERROR = 2;
    public static final int DONE = 3;
    public static final int OVERRUN = 4;

    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int RTM_GETADDR = 22;
    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_DELROUTE = 25;
    public static final int RTM_GETROUTE = 26;
    public static final int RTM_NEWRULE = 32;
    public static final int RTM_DELRULE = 33;
    public static final int RTM_GETRULE = 34;

    private NlMsgType() {}
}
