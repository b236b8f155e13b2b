package io.keepalived4j.os.netlink;

/**
 * The numbers of the "IPVS" generic netlink family, from the kernel's
 * {@code include/uapi/linux/ip_vs.h}, named as there. Byte order, from the kernel's parsers
 * ({@code net/netfilter/ipvs/ip_vs_ctl.c}): ports ({@code IPVS_SVC_ATTR_PORT},
 * {@code IPVS_DEST_ATTR_PORT}, {@code IPVS_DEST_ATTR_TUN_PORT}) and the IPv4 daemon group are
 * network order; every other integer, including the daemon's {@code MCAST_PORT}, is host order;
 * {@code IPVS_SVC_ATTR_NETMASK} is a network-order mask for IPv4 and a host-order prefix length
 * for IPv6 (the kernel reads it raw with {@code nla_get_be32} either way).
 */
public final class IpvsGenl {

    /** {@code IPVS_GENL_NAME}: the family name to resolve with CTRL_CMD_GETFAMILY. */
    public static final String FAMILY_NAME = "IPVS";
    /** {@code IPVS_GENL_VERSION}, the version keepalived and ipvsadm put in every request. */
    public static final int VERSION = 1;

    // Commands (struct genlmsghdr.cmd). Replies: GET_SERVICE -> NEW_SERVICE, GET_DEST ->
    // NEW_DEST, GET_DAEMON -> NEW_DAEMON, GET_CONFIG -> SET_CONFIG, GET_INFO -> SET_INFO.
    public static final int IPVS_CMD_NEW_SERVICE = 1;
    public static final int IPVS_CMD_SET_SERVICE = 2;
    public static final int IPVS_CMD_DEL_SERVICE = 3;
    public static final int IPVS_CMD_GET_SERVICE = 4;
    public static final int IPVS_CMD_NEW_DEST = 5;
    public static final int IPVS_CMD_SET_DEST = 6;
    public static final int IPVS_CMD_DEL_DEST = 7;
    public static final int IPVS_CMD_GET_DEST = 8;
    public static final int IPVS_CMD_NEW_DAEMON = 9;
    public static final int IPVS_CMD_DEL_DAEMON = 10;
    public static final int IPVS_CMD_GET_DAEMON = 11;
    public static final int IPVS_CMD_SET_CONFIG = 12;
    public static final int IPVS_CMD_GET_CONFIG = 13;
    public static final int IPVS_CMD_SET_INFO = 14;
    public static final int IPVS_CMD_GET_INFO = 15;
    public static final int IPVS_CMD_ZERO = 16;
    public static final int IPVS_CMD_FLUSH = 17;

    // Top-level attributes.
    public static final int IPVS_CMD_ATTR_SERVICE = 1;
    public static final int IPVS_CMD_ATTR_DEST = 2;
    public static final int IPVS_CMD_ATTR_DAEMON = 3;
    public static final int IPVS_CMD_ATTR_TIMEOUT_TCP = 4;
    public static final int IPVS_CMD_ATTR_TIMEOUT_TCP_FIN = 5;
    public static final int IPVS_CMD_ATTR_TIMEOUT_UDP = 6;

    // Inside IPVS_CMD_ATTR_SERVICE.
    public static final int IPVS_SVC_ATTR_AF = 1;          // u16
    public static final int IPVS_SVC_ATTR_PROTOCOL = 2;    // u16
    public static final int IPVS_SVC_ATTR_ADDR = 3;        // union nf_inet_addr (16 bytes as keepalived and the kernel send it)
    public static final int IPVS_SVC_ATTR_PORT = 4;        // be16
    public static final int IPVS_SVC_ATTR_FWMARK = 5;      // u32
    public static final int IPVS_SVC_ATTR_SCHED_NAME = 6;  // NUL string, at most 15 characters
    public static final int IPVS_SVC_ATTR_FLAGS = 7;       // struct ip_vs_flags { u32 flags, mask }
    public static final int IPVS_SVC_ATTR_TIMEOUT = 8;     // u32 seconds
    public static final int IPVS_SVC_ATTR_NETMASK = 9;     // be32 mask (IPv4) / prefix length (IPv6)
    public static final int IPVS_SVC_ATTR_STATS = 10;      // nested, 32-bit counters (replies)
    public static final int IPVS_SVC_ATTR_PE_NAME = 11;    // NUL string
    public static final int IPVS_SVC_ATTR_STATS64 = 12;    // nested, 64-bit counters (replies, Linux 4.1+)

    // Inside IPVS_CMD_ATTR_DEST.
    public static final int IPVS_DEST_ATTR_ADDR = 1;          // union nf_inet_addr
    public static final int IPVS_DEST_ATTR_PORT = 2;          // be16
    public static final int IPVS_DEST_ATTR_FWD_METHOD = 3;    // u32, IP_VS_CONN_F_FWD_MASK bits
    public static final int IPVS_DEST_ATTR_WEIGHT = 4;        // u32 (an int in the kernel)
    public static final int IPVS_DEST_ATTR_U_THRESH = 5;      // u32
    public static final int IPVS_DEST_ATTR_L_THRESH = 6;      // u32
    public static final int IPVS_DEST_ATTR_ACTIVE_CONNS = 7;  // u32 (replies)
    public static final int IPVS_DEST_ATTR_INACT_CONNS = 8;   // u32 (replies)
    public static final int IPVS_DEST_ATTR_PERSIST_CONNS = 9; // u32 (replies)
    public static final int IPVS_DEST_ATTR_STATS = 10;        // nested (replies)
    public static final int IPVS_DEST_ATTR_ADDR_FAMILY = 11;  // u16 (Linux 3.18+)
    public static final int IPVS_DEST_ATTR_STATS64 = 12;      // nested (replies)
    public static final int IPVS_DEST_ATTR_TUN_TYPE = 13;     // u8 (Linux 5.2+)
    public static final int IPVS_DEST_ATTR_TUN_PORT = 14;     // be16 (Linux 5.2+)
    public static final int IPVS_DEST_ATTR_TUN_FLAGS = 15;    // u16 (Linux 5.3+)

    // Inside IPVS_CMD_ATTR_DAEMON.
    public static final int IPVS_DAEMON_ATTR_STATE = 1;        // u32
    public static final int IPVS_DAEMON_ATTR_MCAST_IFN = 2;    // NUL string
    public static final int IPVS_DAEMON_ATTR_SYNC_ID = 3;      // u32
    public static final int IPVS_DAEMON_ATTR_SYNC_MAXLEN = 4;  // u16 (Linux 4.3+, as the rest below)
    public static final int IPVS_DAEMON_ATTR_MCAST_GROUP = 5;  // be32 (in_addr)
    public static final int IPVS_DAEMON_ATTR_MCAST_GROUP6 = 6; // in6_addr
    public static final int IPVS_DAEMON_ATTR_MCAST_PORT = 7;   // u16 in host order (nla_get_u16)
    public static final int IPVS_DAEMON_ATTR_MCAST_TTL = 8;    // u8

    // Inside IPVS_*_ATTR_STATS (conns, pkts and rates u32, bytes u64) and _STATS64 (all u64).
    public static final int IPVS_STATS_ATTR_CONNS = 1;
    public static final int IPVS_STATS_ATTR_INPKTS = 2;
    public static final int IPVS_STATS_ATTR_OUTPKTS = 3;
    public static final int IPVS_STATS_ATTR_INBYTES = 4;
    public static final int IPVS_STATS_ATTR_OUTBYTES = 5;
    public static final int IPVS_STATS_ATTR_CPS = 6;
    public static final int IPVS_STATS_ATTR_INPPS = 7;
    public static final int IPVS_STATS_ATTR_OUTPPS = 8;
    public static final int IPVS_STATS_ATTR_INBPS = 9;
    public static final int IPVS_STATS_ATTR_OUTBPS = 10;
    /** Alignment filler before a u64 on hosts without cheap unaligned access; skipped on read. */
    public static final int IPVS_STATS_ATTR_PAD = 11;

    // In the IPVS_CMD_SET_INFO reply, at the top level.
    public static final int IPVS_INFO_ATTR_VERSION = 1;
    public static final int IPVS_INFO_ATTR_CONN_TAB_SIZE = 2;

    private IpvsGenl() {}
}
